package dev.notifier.testing;

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
    // A test JVM's groups need few coordinator partitions; the broker makes Kafka's fifty at the
    // first join of a group, inside that test's wait.
    broker.brokerProperty("offsets.topic.num.partitions", "3");
    broker.brokerProperty("transaction.state.log.num.partitions", "3");
    broker.afterPropertiesSet();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    return broker.getBrokersAsString();
  }
}
