package dev.notifier.delivery;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param concurrency consumer threads for the deliveries topic in this instance
 * @param parallelism deliveries in flight at once across all targets in this instance (one at a
 *     time per target)
 * @param retry in-process retries of one delivery (the seeds' sender-level 1 s, 2 s, 4 s)
 * @param retryTopics queue-level retries through retry topics (the seeds' 1, 2 and 4 minutes)
 * @param throttle how deliveries over a target's rate limit are held and merged into digests
 * @param laneBudget how long a delivery may be sending before its target counts as hanging: it, and
 *     every other delivery to the target, moves to the held store, so one hanging target never
 *     holds up the others on its partition
 * @param laneQueueBudget how long a delivery may wait behind its target's earlier ones: beyond it,
 *     the target answers too slowly for what it is sent, and its queue moves to the held store
 */
@ConfigurationProperties("notifier.delivery")
record DeliveryProperties(
    @DefaultValue("6") int concurrency,
    @DefaultValue("16") int parallelism,
    @NestedConfigurationProperty @DefaultValue Retry retry,
    @NestedConfigurationProperty @DefaultValue RetryTopics retryTopics,
    @NestedConfigurationProperty @DefaultValue Throttle throttle,
    @DefaultValue("3s") Duration laneBudget,
    @DefaultValue("30s") Duration laneQueueBudget) {

  /**
   * @param attempts attempts in all, the first included
   * @param maxRetryAfter a platform's Retry-After is honoured up to this; beyond it the retry
   *     topics take over
   */
  public record Retry(
      @DefaultValue("4") int attempts,
      @DefaultValue("1s") Duration initialInterval,
      @DefaultValue("2") double multiplier,
      @DefaultValue("30s") Duration maxRetryAfter) {}

  /**
   * @param attempts retry topics in all, each waiting {@code multiplier} times longer than the one
   *     before
   */
  public record RetryTopics(
      @DefaultValue("1m") Duration firstDelay,
      @DefaultValue("2") double multiplier,
      @DefaultValue("3") int attempts) {

    /**
     * How long to wait after the {@code failures}-th failed round before the next, or null when the
     * rounds are used up. Held deliveries follow the same schedule as the retry topics.
     */
    public @Nullable Duration delayAfter(int failures) {
      if (failures < 1 || failures > attempts) {
        return null;
      }
      return Duration.ofMillis((long) (firstDelay.toMillis() * Math.pow(multiplier, failures - 1)));
    }
  }

  /**
   * @param tick how often held deliveries are looked at
   * @param digestMaxMessages at most this many held deliveries in one digest
   * @param digestMaxBytes the summary lines of one digest, in UTF-8 bytes: small enough that the
   *     smallest platform (WeCom, 4096 bytes) never cuts a digest
   * @param lease how long one instance keeps a digest's deliveries to itself while sending
   */
  public record Throttle(
      @DefaultValue("200ms") Duration tick,
      @DefaultValue("20") int digestMaxMessages,
      @DefaultValue("2000") int digestMaxBytes,
      @DefaultValue("5m") Duration lease) {}
}
