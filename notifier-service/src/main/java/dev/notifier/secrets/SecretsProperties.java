package dev.notifier.secrets;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param key base64 of 32 random bytes ({@code NOTIFIER_SECRET_KEY}); every value written is sealed
 *     under it. Without one, secrets are stored as given and a warning says so.
 * @param oldKeys keys that sealed earlier values ({@code NOTIFIER_SECRET_OLD_KEYS},
 *     comma-separated): still read, never written, until {@code notifier reseal-secrets} has moved
 *     every value to {@code key}
 */
@ConfigurationProperties("notifier.secrets")
record SecretsProperties(@Nullable String key, @DefaultValue List<String> oldKeys) {}
