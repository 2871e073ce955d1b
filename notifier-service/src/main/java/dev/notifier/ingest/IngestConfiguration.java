package dev.notifier.ingest;

import dev.notifier.base.Faults;
import dev.notifier.events.EventValidator;
import dev.notifier.ops.RetryingRecords;
import dev.notifier.usage.UsageBatches;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How the events consumer fails. Transient errors (PostgreSQL or Kafka unreachable, see {@link
 * Faults}) are retried in place with a capped exponential backoff for as long as they last: the
 * partition pauses and nothing is lost. Anything else fails the same way however often it is tried,
 * so it goes to the events DLT at once (reason {@code data_error} when the database refused the
 * event's data, else {@code processing_error}): no record can stall its partition forever. The
 * listener dead-letters what fails while it runs; this handler sees what fails later (a future).
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  EventValidator eventValidator(IngestProperties properties) {
    return new EventValidator(properties.maxBytes());
  }

  @Bean
  @SuppressWarnings("unchecked")
  ConcurrentKafkaListenerContainerFactory<Object, Object> ingestListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      EventDeadLetters deadLetters,
      RetryingRecords retrying,
      UsageBatches usage) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    ExponentialBackOff untilBack = new ExponentialBackOff(1_000, 2);
    // short enough that work resumes within seconds of an outage ending
    untilBack.setMaxInterval(5_000);
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, e) -> deadLetters.publish((ConsumerRecord<String, byte[]>) record, e),
            untilBack);
    // The default must be the one that retries: a handler whose default gives up at once never
    // asks this function (FailedRecordTracker's "noRetries").
    FixedBackOff never = new FixedBackOff(0, 0);
    handler.setBackOffFunction((record, e) -> Faults.isTransient(e) ? null : never);
    handler.setRetryListeners(retrying.listener("ingest"));
    factory.setCommonErrorHandler(handler);
    factory.setRecordInterceptor(new PollEnd<>(usage));
    return factory;
  }

  /**
   * Tells the usage writer when a consumer has handed over its whole poll, so that a poll's usage
   * events are written in one transaction without waiting out a linger. The container calls {@code
   * clearThreadState} after each poll's records have been handed to the listener.
   */
  private record PollEnd<K, V>(UsageBatches usage) implements RecordInterceptor<K, V> {

    @Override
    public @Nullable ConsumerRecord<K, V> intercept(
        ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
      return record;
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
      usage.pollEnded();
    }
  }
}
