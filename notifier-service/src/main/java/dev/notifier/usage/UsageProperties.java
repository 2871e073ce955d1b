package dev.notifier.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize most usage events written in one transaction
 * @param linger longest a batch waits for the rest of its poll before it is written anyway
 * @param seenRetention how long a request id is remembered, so that a redelivered or replayed event
 *     is not counted again; it must be longer than any replay window: the events topic's retention
 *     (Kafka's default is 7 days) and the time a dead-lettered event may wait for replay
 * @param rollupRetention how long hourly roll-ups are kept (reports and leaderboards read them)
 * @param pruneInterval how often both are pruned
 * @param shutdownWait how long a shutdown waits for the batch in hand to be written
 */
@ConfigurationProperties("notifier.usage")
record UsageProperties(
    @DefaultValue("1000") int batchSize,
    @DefaultValue("20ms") Duration linger,
    @DefaultValue("30d") Duration seenRetention,
    @DefaultValue("400d") Duration rollupRetention,
    @DefaultValue("1h") Duration pruneInterval,
    @DefaultValue("10s") Duration shutdownWait) {

  public UsageProperties {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException(
          "notifier.usage.batch-size must be between 1 and 100000, was " + batchSize);
    }
    if (seenRetention.compareTo(Duration.ofDays(8)) < 0) {
      // shorter than Kafka's default topic retention plus a day: a replay could count twice
      throw new IllegalArgumentException(
          "notifier.usage.seen-retention must be at least 8d (longer than any replay window), was "
              + seenRetention);
    }
    if (rollupRetention.compareTo(Duration.ofDays(8)) < 0) {
      // the cache-hit baseline and the usage report's trend read the past 7 days
      throw new IllegalArgumentException(
          "notifier.usage.rollup-retention must be at least 8d, was " + rollupRetention);
    }
    if (pruneInterval.isNegative() || pruneInterval.isZero()) {
      throw new IllegalArgumentException("notifier.usage.prune-interval must be positive");
    }
  }
}
