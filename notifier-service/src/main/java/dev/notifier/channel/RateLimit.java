package dev.notifier.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * At most {@code limit} messages in any window of {@code per}: how platforms state their quotas
 * (WeCom "20 per minute", Feishu "5 per second and 100 per minute").
 */
public record RateLimit(int limit, Duration per) {

  public RateLimit {
    if (limit < 1 || per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("a rate limit needs limit >= 1 and a positive window");
    }
  }

  public static RateLimit perMinute(int limit) {
    return new RateLimit(limit, Duration.ofMinutes(1));
  }

  public static RateLimit perSecond(int limit) {
    return new RateLimit(limit, Duration.ofSeconds(1));
  }

  /**
   * A target's own limits, from its settings ({@code rateLimits}: a list of {@code {"limit": 20,
   * "perSeconds": 60}}; an empty list means none).
   *
   * @throws IllegalArgumentException naming the setting, when it is not such a list
   */
  static List<RateLimit> forTarget(Map<String, Object> config) {
    if (!(config.get("rateLimits") instanceof List<?> configured)) {
      throw new IllegalArgumentException(SHAPE);
    }
    List<RateLimit> out = new ArrayList<>();
    for (Object item : configured) {
      if (item instanceof Map<?, ?> m
          && m.get("limit") instanceof Number limit
          && m.get("perSeconds") instanceof Number seconds) {
        out.add(
            new RateLimit(
                limit.intValue(), Duration.ofMillis((long) (seconds.doubleValue() * 1000))));
      } else {
        throw new IllegalArgumentException(SHAPE);
      }
    }
    return List.copyOf(out);
  }

  private static final String SHAPE =
      "config.rateLimits: a list where each entry has a number 'limit' and a number 'perSeconds'";
}
