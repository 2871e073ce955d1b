package dev.notifier.ingest;

import dev.notifier.base.Faults;
import dev.notifier.base.Topics;
import dev.notifier.channel.Redaction;
import dev.notifier.ops.NotifierMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The one way an event reaches {@code notifier.events.DLT}, whatever the reason: the original's
 * key, headers and value byte for byte, with why and where it came from added (each of our headers
 * once). Waits for the broker's acknowledgement, so the offset is committed only after the copy is
 * safe.
 *
 * <p>A value too large for the producer (an event above {@code max.request.size} on a broker that
 * accepted it) is cut to fit, with its original size and SHA-256 in headers, instead of failing the
 * publish forever and stalling the partition behind it.
 */
@Component
class EventDeadLetters {

  static final String REASON = "notifier-reason";
  static final String DETAIL = "notifier-detail";
  static final String ORIGINAL_TOPIC = "notifier-original-topic";
  static final String ORIGINAL_PARTITION = "notifier-original-partition";
  static final String ORIGINAL_OFFSET = "notifier-original-offset";
  static final String ORIGINAL_SIZE = "notifier-original-size";
  static final String ORIGINAL_SHA256 = "notifier-original-sha256";
  static final String FAILED_AT = "notifier-failed-at";

  /** Room for the record's own framing and the batch header, beyond key, value and headers. */
  private static final int FRAMING_BYTES = 1024;

  private static final Logger log = LoggerFactory.getLogger(EventDeadLetters.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final NotifierMetrics metrics;
  private final int maxRequestBytes;
  private final Clock clock;

  EventDeadLetters(
      KafkaTemplate<String, byte[]> kafka, Topics topics, NotifierMetrics metrics, Clock clock) {
    this.clock = clock;
    this.kafka = kafka;
    this.topics = topics;
    this.metrics = metrics;
    Object configured =
        kafka
            .getProducerFactory()
            .getConfigurationProperties()
            .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    this.maxRequestBytes =
        configured == null ? 1_048_576 : Integer.parseInt(String.valueOf(configured));
  }

  /**
   * An event whose processing failed in a way retrying cannot cure: {@code data_error} when the
   * database refused its data, {@code processing_error} otherwise; the detail is the innermost
   * cause, scrubbed.
   */
  void publish(ConsumerRecord<String, byte[]> record, Throwable failure) {
    publish(
        record,
        Faults.isDataError(failure) ? "data_error" : "processing_error",
        Redaction.scrub(Faults.rootMessage(failure), List.of()));
  }

  void publish(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    set(headers, REASON, reason);
    set(headers, DETAIL, detail);
    set(headers, ORIGINAL_TOPIC, record.topic());
    set(headers, ORIGINAL_PARTITION, String.valueOf(record.partition()));
    set(headers, ORIGINAL_OFFSET, String.valueOf(record.offset()));
    set(headers, FAILED_AT, clock.instant().toString());
    int room = maxRequestBytes - FRAMING_BYTES - size(record.key()) - size(headers);
    // The whole value when it fits; else as much as fits; and if the broker's own limit is lower
    // still, a sixteenth of that, then nothing but the headers that identify it.
    for (int fit : List.of(room, room / 16, 0)) {
      boolean cut = value.length > fit;
      byte[] sent = cut ? Arrays.copyOf(value, Math.max(0, fit)) : value;
      RecordHeaders out = new RecordHeaders(headers.toArray());
      if (cut) {
        set(out, ORIGINAL_SIZE, String.valueOf(value.length));
        set(out, ORIGINAL_SHA256, sha256(value));
      }
      try {
        send(new ProducerRecord<>(topics.eventsDlt(), null, record.key(), sent, out), record);
        metrics.deadLetter(NotifierMetrics.Topics.EVENTS_DLT, reason, NotifierMetrics.NO_CHANNEL);
        log.warn(
            "event {}-{}@{} dead-lettered{}: {}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            cut ? " (" + value.length + " bytes, cut to " + sent.length + ")" : "",
            reason,
            detail);
        return;
      } catch (KafkaException e) {
        if (!tooLarge(e) || fit == 0) {
          throw e;
        }
        log.warn(
            "event {}-{}@{}: the broker refused {} bytes for the DLT; cutting further",
            record.topic(),
            record.partition(),
            record.offset(),
            sent.length);
      }
    }
  }

  private void send(ProducerRecord<String, byte[]> dead, ConsumerRecord<String, byte[]> from) {
    try {
      kafka.send(dead).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not dead-letter event at offset " + from.offset(),
          e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("could not dead-letter event at offset " + from.offset(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while dead-lettering", e);
    }
  }

  private static boolean tooLarge(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return true;
      }
    }
    return false;
  }

  /** Ours replace any of the same name the record already carried (a replayed dead letter). */
  private static void set(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static int size(String key) {
    return key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int size(RecordHeaders headers) {
    int total = 0;
    for (Header h : headers) {
      // a header's varint lengths take at most 10 bytes
      total += h.key().getBytes(StandardCharsets.UTF_8).length + 10;
      total += h.value() == null ? 0 : h.value().length;
    }
    return total;
  }

  private static String sha256(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
