package dev.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param concurrency consumer threads for the deliveries topic in this instance
 * @param parallelism deliveries in flight at once across all targets in this instance (one at a
 *     time per target)
 * @param retry in-process retries of one delivery (the seeds' sender-level 1 s, 2 s, 4 s)
 * @param retryTopics queue-level retries through retry topics (the seeds' 1, 2 and 4 minutes)
 */
@ConfigurationProperties("notifier.delivery")
public record DeliveryProperties(
    @DefaultValue("6") int concurrency,
    @DefaultValue("16") int parallelism,
    @NestedConfigurationProperty @DefaultValue Retry retry,
    @NestedConfigurationProperty @DefaultValue RetryTopics retryTopics) {

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
      @DefaultValue("3") int attempts) {}
}
