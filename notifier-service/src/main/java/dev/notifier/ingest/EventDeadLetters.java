package dev.notifier.ingest;

import dev.notifier.Topics;
import dev.notifier.ops.NotifierMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts an event that can never be processed on {@code notifier.events.DLT}, byte for byte, with why
 * and where it came from in headers. Waits for the broker's acknowledgement so the offset is
 * committed only after the copy is safe.
 */
@Component
class EventDeadLetters {

  static final String REASON = "notifier-reason";
  static final String DETAIL = "notifier-detail";
  static final String ORIGINAL_TOPIC = "notifier-original-topic";
  static final String ORIGINAL_PARTITION = "notifier-original-partition";
  static final String ORIGINAL_OFFSET = "notifier-original-offset";
  static final String FAILED_AT = "notifier-failed-at";

  private static final Logger log = LoggerFactory.getLogger(EventDeadLetters.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final NotifierMetrics metrics;

  EventDeadLetters(KafkaTemplate<String, byte[]> kafka, Topics topics, NotifierMetrics metrics) {
    this.kafka = kafka;
    this.topics = topics;
    this.metrics = metrics;
  }

  void publish(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(topics.eventsDlt(), record.key(), value);
    add(dead, REASON, reason);
    add(dead, DETAIL, detail);
    add(dead, ORIGINAL_TOPIC, record.topic());
    add(dead, ORIGINAL_PARTITION, String.valueOf(record.partition()));
    add(dead, ORIGINAL_OFFSET, String.valueOf(record.offset()));
    add(dead, FAILED_AT, Instant.now().toString());
    try {
      kafka.send(dead).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("could not dead-letter event at offset " + record.offset(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while dead-lettering", e);
    }
    metrics.deadLetter(NotifierMetrics.Topics.EVENTS_DLT, reason);
    log.warn(
        "event {}-{}@{} dead-lettered: {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason,
        detail);
  }

  private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
