package dev.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Lists what is in the deliveries DLT and re-publishes chosen records to the deliveries topic.
 * Replaying is safe to repeat: the deliveries consumer skips every (notification, target) the
 * delivery log marks delivered. It reads the DLT without a consumer group, so it never moves
 * anyone's offsets.
 */
public final class DeadLetterReplay {

  /** Which records: every criterion that is set must match. */
  public record Filter(
      @Nullable Instant since,
      @Nullable Instant until,
      @Nullable String notificationType,
      @Nullable String channel,
      @Nullable Long targetId) {

    public static Filter all() {
      return new Filter(null, null, null, null, null);
    }

    boolean matches(Entry e) {
      return (since == null || !e.failedAt().isBefore(since))
          && (until == null || e.failedAt().isBefore(until))
          && (notificationType == null || notificationType.equals(e.notificationType()))
          && (channel == null || channel.equals(e.channel()))
          && (targetId == null || String.valueOf(targetId).equals(e.targetId()));
    }
  }

  /** One dead letter, as its headers describe it. */
  public record Entry(
      int partition,
      long offset,
      Instant failedAt,
      String reason,
      String notificationType,
      String notificationId,
      String channel,
      String targetId,
      String attempts,
      String lastError) {

    /** "partition:offset", how a record is chosen on the command line. */
    public String position() {
      return partition + ":" + offset;
    }
  }

  private final Map<String, Object> consumerBase;
  private final Map<String, Object> producerBase;
  private final String deadLetterTopic;
  private final String deliveriesTopic;

  public DeadLetterReplay(String bootstrapServers, String deadLetterTopic, String deliveriesTopic) {
    this(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        deadLetterTopic,
        deliveriesTopic);
  }

  /**
   * With the service's own client settings ({@code spring.kafka.*}: servers, TLS, SASL), so the API
   * reaches the broker exactly as the consumers do.
   */
  public DeadLetterReplay(
      Map<String, Object> consumerProperties,
      Map<String, Object> producerProperties,
      String deadLetterTopic,
      String deliveriesTopic) {
    this.consumerBase = new java.util.HashMap<>(consumerProperties);
    // read by assignment, never as a group: nobody's offsets move
    this.consumerBase.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.producerBase = new java.util.HashMap<>(producerProperties);
    this.deadLetterTopic = deadLetterTopic;
    this.deliveriesTopic = deliveriesTopic;
  }

  public List<Entry> list(Filter filter) {
    return read(filter).stream().map(Matched::entry).toList();
  }

  /**
   * Re-publishes the matching records (only those at {@code positions}, when it is not empty) and
   * returns what was re-published.
   */
  public List<Entry> replay(Filter filter, Set<String> positions) {
    List<Matched> chosen =
        read(filter).stream()
            .filter(m -> positions.isEmpty() || positions.contains(m.entry().position()))
            .toList();
    Properties props = new Properties();
    props.putAll(producerBase);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (Matched m : chosen) {
        ProducerRecord<String, byte[]> out =
            new ProducerRecord<>(deliveriesTopic, m.record().key(), m.record().value());
        // Keep what identifies the delivery; drop the retry and failure headers so it starts
        // afresh.
        for (String name :
            List.of(
                DeliveryHeaders.NOTIFICATION_ID,
                DeliveryHeaders.NOTIFICATION_TYPE,
                DeliveryHeaders.CHANNEL,
                DeliveryHeaders.TARGET_ID)) {
          Header h = m.record().headers().lastHeader(name);
          if (h != null) {
            out.headers().add(name, h.value());
          }
        }
        out.headers()
            .add(
                DeliveryHeaders.REPLAYED_FROM,
                (deadLetterTopic + "@" + m.entry().position()).getBytes(StandardCharsets.UTF_8));
        sends.add(producer.send(out));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "replay failed: " + Objects.requireNonNullElse(e.getCause(), e).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", e);
    }
    return chosen.stream().map(Matched::entry).toList();
  }

  private record Matched(Entry entry, ConsumerRecord<String, byte[]> record) {}

  private List<Matched> read(Filter filter) {
    Properties props = new Properties();
    props.putAll(consumerBase);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<Matched> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> partitions =
          consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(10));
      if (partitions == null || partitions.isEmpty()) {
        return out;
      }
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.getOrDefault(tp, 0L))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + deadLetterTopic);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
            Entry e = describe(r);
            if (filter.matches(e)) {
              out.add(new Matched(e, r));
            }
          }
        }
      }
    }
    return out;
  }

  private static Entry describe(ConsumerRecord<String, byte[]> r) {
    Headers h = r.headers();
    String failedAt = header(h, DeliveryHeaders.FAILED_AT);
    return new Entry(
        r.partition(),
        r.offset(),
        failedAt.isEmpty() ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(failedAt),
        header(h, DeliveryHeaders.REASON),
        header(h, DeliveryHeaders.NOTIFICATION_TYPE),
        header(h, DeliveryHeaders.NOTIFICATION_ID),
        header(h, DeliveryHeaders.CHANNEL),
        r.key() == null ? header(h, DeliveryHeaders.TARGET_ID) : r.key(),
        header(h, DeliveryHeaders.ATTEMPTS),
        header(h, DeliveryHeaders.DETAIL));
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
