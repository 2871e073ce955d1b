package dev.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deliveries history ({@code delivery_attempts}).
 *
 * @param retention how long each attempt is kept (at least a day)
 * @param pruneInterval how often older ones are removed
 */
@ConfigurationProperties("notifier.history")
record HistoryProperties(
    @DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration pruneInterval) {

  public HistoryProperties {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "notifier.history.retention must be at least 1d, was " + retention);
    }
    if (pruneInterval.isNegative() || pruneInterval.isZero()) {
      throw new IllegalArgumentException("notifier.history.prune-interval must be positive");
    }
  }
}
