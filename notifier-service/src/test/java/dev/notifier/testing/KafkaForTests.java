package dev.notifier.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per JVM: {@code KAFKA_BOOTSTRAP_SERVERS} when set, else a Testcontainers
 * broker when Docker is there, else an embedded KRaft broker. Tests isolate themselves by topic and
 * group names, not brokers.
 */
public final class KafkaForTests {

  private static String bootstrapServers;

  private KafkaForTests() {}

  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = start();
    }
    return bootstrapServers;
  }

  private static String start() {
    String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (Infrastructure.dockerAvailable()) {
      KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return container.getBootstrapServers();
    }
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
    // Big enough for the oversize-event test: the broker must accept what the service refuses.
    broker.brokerProperty("message.max.bytes", "2097152");
    broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
    // A test JVM's groups fit a few coordinator partitions; Kafka's fifty took the first test of
    // each JVM most of its wait when several JVMs started brokers at once.
    broker.brokerProperty("offsets.topic.num.partitions", "3");
    broker.brokerProperty("transaction.state.log.num.partitions", "3");
    broker.afterPropertiesSet();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    warmUp(broker.getBrokersAsString());
    return broker.getBrokersAsString();
  }

  /**
   * Joins a group once, so the offsets topic and its coordinators exist before the first test: a
   * new broker makes them at the first join, and that first test would pay for it inside its wait.
   */
  private static void warmUp(String bootstrapServers) {
    String topic = "warm-up";
    try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "warm-up",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200));
      }
      consumer.commitSync();
    } catch (Exception e) {
      throw new IllegalStateException("the test broker did not come up", e);
    }
  }
}
