package dev.notifier.delivery;

import dev.notifier.base.Topics;
import dev.notifier.ops.NotifierMetrics;
import dev.notifier.ops.RetryingRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Queue-level retries: a delivery still failing after its in-process retries waits in retry topics
 * (1, 2, 4 minutes by default) without blocking its partition, then lands in {@code
 * notifier.deliveries.DLT} with the reason, attempts, channel, target and last error in headers.
 * Infrastructure failures (database, broker) are not the delivery's fault: they are retried in
 * place, pausing the partition, and never dead-lettered.
 */
@Configuration
class DeliveryRetryTopics extends RetryTopicConfigurationSupport {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRetryTopics.class);

  private final NotifierMetrics metrics;
  private final DeliveryMetrics deliveries;
  private final RetryingRecords retrying;
  private final Clock clock;

  DeliveryRetryTopics(
      NotifierMetrics metrics, DeliveryMetrics deliveries, RetryingRecords retrying, Clock clock) {
    this.clock = clock;
    this.metrics = metrics;
    this.retrying = retrying;
    this.deliveries = deliveries;
  }

  @Bean
  RetryTopicConfiguration deliveryRetryTopicConfiguration(
      KafkaTemplate<String, byte[]> template, Topics topics, DeliveryProperties properties) {
    DeliveryProperties.RetryTopics retry = properties.retryTopics();
    long first = retry.firstDelay().toMillis();
    long last = (long) (first * Math.pow(retry.multiplier(), Math.max(0, retry.attempts() - 1)));
    return RetryTopicConfigurationBuilder.newInstance()
        .exponentialBackoff(first, retry.multiplier(), last)
        .maxAttempts(retry.attempts() + 1)
        // the pipeline decides when rounds run out (Exhausted); maxAttempts is only a backstop
        .notRetryOn(
            List.of(
                DeliveryFailedException.Permanent.class, DeliveryFailedException.Exhausted.class))
        .retryTopicSuffix("-retry")
        .dltSuffix(Topics.DLT_SUFFIX)
        .autoCreateTopicsWith(topics.partitions(), topics.replicationFactor())
        .includeTopic(topics.deliveries())
        // Retry topics carry only what failed; one consumer each keeps threads and memory down.
        .concurrency(1)
        .dltHandlerMethod("deliveryDeadLetters", "onDeadLetter")
        .create(template);
  }

  /** Wakes paused retry-topic partitions when their delay is over. */
  @Bean
  RetryTopicSchedulerWrapper retryTopicScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("retry-topic-");
    scheduler.initialize();
    return new RetryTopicSchedulerWrapper(scheduler);
  }

  @Bean
  DeliveryDeadLetters deliveryDeadLetters(Backups backups) {
    return new DeliveryDeadLetters(metrics, deliveries, backups);
  }

  @Override
  protected void configureBlockingRetries(BlockingRetriesConfigurer blocking) {
    ExponentialBackOff untilBack = new ExponentialBackOff(1_000, 2);
    // short enough that work resumes within seconds of an outage ending
    untilBack.setMaxInterval(5_000);
    blocking.retryOn(DataAccessException.class, KafkaException.class).backOff(untilBack);
  }

  @Override
  protected void configureCustomizers(CustomizersConfigurer customizers) {
    customizers.customizeErrorHandler(
        handler -> handler.setRetryListeners(retrying.listener("deliveries")));
    customizers.customizeDeadLetterPublishingRecoverer(
        recoverer -> {
          // Stack traces and raw exception texts may quote anything; our own headers carry the
          // redacted facts.
          recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE, HeadersToAdd.EX_MSG);
          // added, not set: setting would replace the factory's own function, the one that writes
          // the back-off timestamp the retry topics wait for
          recoverer.addHeadersFunction(
              (record, e) -> DeadLetterHeaders.of(record.key(), e, clock.instant()));
        });
  }

  /**
   * Counts and logs what reached the dead-letter topic, whoever put it there (the retry topics'
   * recoverer, or the held store's sender), and hands each to its binding's backup target; the
   * records stay there for replay.
   */
  static final class DeliveryDeadLetters {

    private final NotifierMetrics metrics;
    private final DeliveryMetrics deliveries;
    private final Backups backups;

    DeliveryDeadLetters(NotifierMetrics metrics, DeliveryMetrics deliveries, Backups backups) {
      this.metrics = metrics;
      this.deliveries = deliveries;
      this.backups = backups;
    }

    public void onDeadLetter(
        ConsumerRecord<String, byte[]> record,
        @Header(name = DeliveryHeaders.REASON, required = false) byte @Nullable [] reason,
        @Header(name = DeliveryHeaders.CHANNEL, required = false) byte @Nullable [] channel) {
      String why = reason == null ? "unknown" : new String(reason, StandardCharsets.UTF_8);
      String where = channel == null ? "unknown" : new String(channel, StandardCharsets.UTF_8);
      metrics.deadLetter(NotifierMetrics.Topics.DELIVERIES_DLT, why, where);
      deliveries.deadLettered(where, why);
      log.warn(
          "delivery dead-lettered: target {} ({}) reason {} at {}-{}@{}",
          record.key(),
          where,
          why,
          record.topic(),
          record.partition(),
          record.offset());
      backups.onDeadLetter(record, why);
    }
  }
}
