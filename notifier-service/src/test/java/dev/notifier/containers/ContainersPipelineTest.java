package dev.notifier.containers;

import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.PostgresForTests;
import dev.notifier.testing.TestWorld;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The pipeline against the container images a deployment uses. Needs Docker; skipped where there is
 * none (the other integration tests run against an embedded broker and a local or embedded
 * PostgreSQL there).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineTest {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Container
  static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

  @Test
  void breakerEventReachesTheChatStandIn() {
    try (TestWorld world =
            new TestWorld(
                KAFKA.getBootstrapServers(),
                new PostgresForTests.Database(
                    POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword()));
        ChatStandIn wecom = new ChatStandIn()) {
      world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
      world.start();
      world.publishEvent("provider:1", example());
      await().atMost(Duration.ofSeconds(60)).until(() -> wecom.accepted().size() == 1);
    }
  }

  private static String example() {
    try (InputStream in =
        ContainersPipelineTest.class
            .getClassLoader()
            .getResourceAsStream("examples/v1/circuit-breaker-opened.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
