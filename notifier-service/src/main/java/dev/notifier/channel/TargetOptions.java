package dev.notifier.channel;

import dev.notifier.egress.ProxySettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings every channel's targets share: a proxy ({@code proxy}, {@code proxyFallback}) and
 * the target's own quota ({@code rateLimits}), read once with the channel's own.
 *
 * @param rateLimits the target's own limits, or null for the channel's
 */
public record TargetOptions(Optional<ProxySettings> proxy, @Nullable List<RateLimit> rateLimits) {

  public static final TargetOptions NONE = new TargetOptions(Optional.empty(), null);

  /** The settings' names, which no channel's own settings use. */
  static final Set<String> NAMES = Set.of("proxy", "proxyFallback", "rateLimits");

  /**
   * Reads them; a malformed one is refused with a message that names it ("config.proxy: ...").
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  static TargetOptions of(Map<String, Object> config) {
    Optional<ProxySettings> proxy = ProxySettings.of(config);
    List<RateLimit> limits = config.get("rateLimits") != null ? RateLimit.forTarget(config) : null;
    return new TargetOptions(proxy, limits);
  }

  /** The target's own limits when it names them, else the channel's. */
  public List<RateLimit> limits(List<RateLimit> channel) {
    return rateLimits == null ? channel : rateLimits;
  }
}
