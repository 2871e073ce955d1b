package dev.notifier.binding;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The cache-hit-rate alert's settings, as stored (the database checks their ranges).
 *
 * @param checkInterval how often the rates are looked at (1–60 min; 5)
 * @param window the sliding window whose rate is judged (5–1440 min; 60)
 * @param baselineDays the first baseline: the same hours of the past days (1–30; 7)
 * @param ttl a request is eligible when its session's previous request came at most this long
 *     before it (60 s–24 h; 300 s, the usual prompt-cache TTL)
 * @param floor the rate under which an alert goes out whatever the baseline (0.05)
 * @param dropAbsolute with a baseline, the fall in rate that alerts, together with {@code
 *     dropRelative} (0.10)
 * @param dropRelative the fall as a share of the baseline (0.30)
 * @param minRequests fewest eligible requests in the window (and in a baseline) worth judging (20)
 * @param cooldown how long a provider and model stays quiet after an alert (30 min)
 * @param maxRows most rows in one alert, worst first (10)
 */
public record CacheHitSettings(
    Duration checkInterval,
    Duration window,
    int baselineDays,
    Duration ttl,
    BigDecimal floor,
    BigDecimal dropAbsolute,
    BigDecimal dropRelative,
    int minRequests,
    Duration cooldown,
    int maxRows) {

  /** The defaults the settings row starts with. */
  public static CacheHitSettings defaults() {
    return new CacheHitSettings(
        Duration.ofMinutes(5),
        Duration.ofMinutes(60),
        7,
        Duration.ofMinutes(5),
        new BigDecimal("0.05"),
        new BigDecimal("0.10"),
        new BigDecimal("0.30"),
        20,
        Duration.ofMinutes(30),
        10);
  }
}
