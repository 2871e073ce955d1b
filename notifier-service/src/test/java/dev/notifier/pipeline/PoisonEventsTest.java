package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events that can never be processed go to the events DLT with their reason; the ones behind them
 * still flow.
 */
class PoisonEventsTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void poisonIsDeadLetteredWithItsReasonAndTheValidEventBehindItIsDelivered() {
    // given a service limit far below the broker's
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.start(Map.of("notifier.events.max-bytes", "4096"));
    String valid = Examples.read("circuit-breaker-opened");
    String oversize = valid.replace("\"lastError\": \"", "\"lastError\": \"" + "x".repeat(20_000));

    // when four bad events and then a good one are published to the same partition
    world.publishEvent("provider:1", "{\"specversion\": \"1.0\", \"id\": ");
    world.publishEvent(
        "provider:1",
        valid.replace("llmproxy.circuit_breaker.opened.v1", "llmproxy.circuit_breaker.melted.v1"));
    world.publishEvent("provider:1", valid.replace("\"failureCount\": 5", "\"failureCount\": -3"));
    world.publishEvent("provider:1", oversize);
    world.publishEvent("provider:1", valid);

    // then the good one is delivered
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // and each bad one is in the DLT, byte for byte, with a reason that names the problem
    List<ConsumerRecord<String, byte[]>> dead = world.readAll(world.eventsTopic() + ".DLT");
    assertThat(dead).hasSize(4);
    Map<String, String> detailByReason =
        dead.stream()
            .collect(
                Collectors.toMap(
                    r -> header(r, "notifier-reason"), r -> header(r, "notifier-detail")));
    assertThat(detailByReason.keySet())
        .containsExactlyInAnyOrder(
            "malformed_json", "unknown_type", "schema_violation", "too_large");
    assertThat(detailByReason.get("unknown_type")).contains("llmproxy.circuit_breaker.melted.v1");
    assertThat(detailByReason.get("schema_violation")).contains("$.data.failureCount");
    assertThat(detailByReason.get("too_large")).contains("limit is 4096");
    ConsumerRecord<String, byte[]> big =
        dead.stream()
            .filter(r -> header(r, "notifier-reason").equals("too_large"))
            .findFirst()
            .orElseThrow();
    assertThat(new String(big.value(), StandardCharsets.UTF_8)).isEqualTo(oversize);
    assertThat(header(big, "notifier-original-topic")).isEqualTo(world.eventsTopic());
    assertThat(big.key()).isEqualTo("provider:1");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
