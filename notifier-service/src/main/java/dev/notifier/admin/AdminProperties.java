package dev.notifier.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param token the bearer token every admin request must carry; without one the admin API refuses
 *     everything, so a deployment never runs it open by accident
 */
@ConfigurationProperties("notifier.admin")
public record AdminProperties(@Nullable String token) {

  boolean enabled() {
    return token != null && !token.isBlank();
  }
}
