package dev.notifier.ingest;

import dev.notifier.Topics;
import dev.notifier.channel.Redaction;
import dev.notifier.events.EventValidator;
import dev.notifier.ops.NotifierMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.TransactionException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How the events consumer fails. Infrastructure errors (PostgreSQL or Kafka unreachable) are
 * retried in place with a capped exponential backoff for as long as they last: the partition pauses
 * and nothing is lost. Anything else is a bug for this event: two more tries, then the events DLT
 * with reason {@code processing_error}, so one bad record can never stall its partition.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  EventValidator eventValidator(IngestProperties properties) {
    return new EventValidator(properties.maxBytes());
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> ingestListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      KafkaTemplate<String, byte[]> template,
      Topics topics,
      NotifierMetrics metrics) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template, (record, e) -> new TopicPartition(topics.eventsDlt(), -1));
    recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE, HeadersToAdd.EX_MSG);
    recoverer.setHeadersFunction(
        (record, e) -> {
          metrics.deadLetter(NotifierMetrics.Topics.EVENTS_DLT, "processing_error");
          RecordHeaders headers = new RecordHeaders();
          headers.add(EventDeadLetters.REASON, bytes("processing_error"));
          headers.add(EventDeadLetters.DETAIL, bytes(Redaction.scrub(rootMessage(e), List.of())));
          headers.add(EventDeadLetters.FAILED_AT, bytes(Instant.now().toString()));
          return headers;
        });
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1_000, 2));
    ExponentialBackOff untilBack = new ExponentialBackOff(1_000, 2);
    untilBack.setMaxInterval(30_000);
    handler.setBackOffFunction((record, e) -> isInfrastructure(e) ? untilBack : null);
    factory.setCommonErrorHandler(handler);
    return factory;
  }

  static boolean isInfrastructure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DataAccessException
          || t instanceof TransactionException
          || t instanceof KafkaException
              && !(t
                  instanceof org.springframework.kafka.listener.ListenerExecutionFailedException)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
