package dev.notifier.ingest;

import dev.notifier.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code notifier publish-samples}: publishes the contract's example event of every type, with a
 * fresh id and the current time, the way an upstream producer would (key = subject). For trying a
 * local run end to end.
 */
public final class SamplePublisher {

  private static final Pattern ID = Pattern.compile("\"id\": \"[^\"]+\"");
  private static final Pattern SUBJECT = Pattern.compile("\"subject\": \"([^\"]+)\"");

  private SamplePublisher() {}

  public static int run(String[] args, PrintStream out) {
    String bootstrap = args.length > 0 ? args[0] : env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String topic = args.length > 1 ? args[1] : env("NOTIFIER_EVENTS_TOPIC", "notifier.events");
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (EventType type : EventType.values()) {
        String json = fresh(example(type));
        if (type == EventType.BREAKER_CLOSED_V1) {
          // The examples' opening is provider-wide and their closing an endpoint's; a recovery
          // only follows an alert that went out, so the sample closes what the sample opened.
          json =
              json.replace("\"source\": \"endpoint\"", "\"source\": \"provider\"")
                  .replaceFirst("\"endpointId\": [0-9]+", "\"endpointId\": null")
                  .replaceFirst("\"endpointUrl\": \"[^\"]+\"", "\"endpointUrl\": null");
        }
        Matcher subject = SUBJECT.matcher(json);
        String key = subject.find() ? subject.group(1) : null;
        producer
            .send(new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8)))
            .get();
        out.println("published " + type.wireName() + " to " + topic + " (key " + key + ")");
      }
    } catch (Exception e) {
      out.println("publish-samples: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** A new id (so dedupe and once-per-period rules treat it as new) and today's times. */
  public static String fresh(String json) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String halfAnHourAgo =
        Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    String inHalfAnHour =
        Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    return ID.matcher(json)
        .replaceFirst("\"id\": \"" + UUID.randomUUID() + "\"")
        .replaceFirst("\"time\": \"[^\"]+\"", "\"time\": \"" + now + "\"")
        .replaceFirst("\"retryAt\": \"[^\"]+\"", "\"retryAt\": \"" + inHalfAnHour + "\"")
        .replaceFirst("\"periodStart\": \"[^\"]+\"", "\"periodStart\": \"" + now + "\"")
        .replaceFirst("\"openedAt\": \"[^\"]+\"", "\"openedAt\": \"" + halfAnHourAgo + "\"");
  }

  public static String example(EventType type) {
    String file = type.schemaResource().substring(type.schemaResource().lastIndexOf('/') + 1);
    try (InputStream in =
        SamplePublisher.class.getClassLoader().getResourceAsStream("examples/v1/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no example for " + type.wireName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
