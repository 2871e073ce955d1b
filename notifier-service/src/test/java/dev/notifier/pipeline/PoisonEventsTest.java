package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

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
    ConfigurableApplicationContext instance =
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
    // and an invalid event whose type was known is counted under its type
    assertThat(
            Meters.count(
                instance,
                "notifier.events",
                "type",
                "llmproxy.circuit_breaker.opened.v1",
                "outcome",
                "invalid"))
        .isEqualTo(1);

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

  @Test
  void anEventTooLargeForTheDltProducerIsCutToFitAndThePartitionMovesOn() throws Exception {
    // given the service's own event limit and a broker that accepts what its DLT producer cannot
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.start();
    String valid = Examples.read("circuit-breaker-opened");
    byte[] huge =
        valid
            .replace("\"lastError\": \"", "\"lastError\": \"" + "x".repeat(1_900_000))
            .getBytes(StandardCharsets.UTF_8);

    // when it is followed by a good event on the same partition
    world.publish(world.eventsTopic(), "provider:1", huge);
    world.publishEvent("provider:1", Examples.breakerOpened(2));

    // then the good one arrives within seconds
    await().atMost(Duration.ofSeconds(20)).until(() -> wecom.accepted().size() == 1);

    // and the big one is in the DLT, cut, with what identifies the original
    List<ConsumerRecord<String, byte[]>> dead = world.readAll(world.eventsTopic() + ".DLT");
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> cut = dead.getFirst();
    assertThat(header(cut, "notifier-reason")).isEqualTo("too_large");
    assertThat(header(cut, "notifier-original-size")).isEqualTo(String.valueOf(huge.length));
    assertThat(header(cut, "notifier-original-sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
    assertThat(cut.value().length).isLessThan(huge.length).isGreaterThan(500_000);
    assertThat(Arrays.equals(cut.value(), Arrays.copyOf(huge, cut.value().length))).isTrue();
  }

  @Test
  void aDataErrorIsDeadLetteredOnceNotRetriedForever() throws Exception {
    // given
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    ConfigurableApplicationContext instance = world.start();
    String usage = Examples.read("usage-recorded");

    // when a usage event carries a NUL, which JSON allows and PostgreSQL's text refuses,
    // followed on the same partition by the largest figures the schema allows, twice in one hour
    // bucket, and by a breaker alert
    world.publishEvent("user:1", usage.replace("\"userName\": \"", "\"userName\": \"\\u0000"));
    for (int i = 0; i < 2; i++) {
      world.publishEvent(
          "user:1",
          usage
              .replace("\"inputTokens\": 1200", "\"inputTokens\": 1000000000000")
              .replaceFirst("\"requestId\": \"[^\"]*\"", "\"requestId\": \"max-" + i + "\""));
    }
    world.publishEvent("user:1", Examples.breakerOpened(3));

    // then the alert behind them arrives, the NUL event is in the DLT as a data error,
    // and the maxima were added up without overflowing
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    // usage is written a poll at a time, apart from the alert behind it: its refusal may come later
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !world.readAll(world.eventsTopic() + ".DLT").isEmpty());
    Thread.sleep(500);
    List<ConsumerRecord<String, byte[]>> dead = world.readAll(world.eventsTopic() + ".DLT");
    assertThat(dead).hasSize(1);
    assertThat(header(dead.getFirst(), "notifier-reason")).isEqualTo("data_error");
    assertThat(header(dead.getFirst(), "notifier-detail")).contains("0x00");
    // counted as an invalid event of its type, like every other refused event
    assertThat(
            Meters.count(
                instance,
                "notifier.events",
                "type",
                "llmproxy.usage.recorded.v1",
                "outcome",
                "invalid"))
        .isEqualTo(1);
    assertThat(
            world
                .jdbc()
                .sql("SELECT sum(input_tokens)::text FROM usage_hourly")
                .query(String.class)
                .single())
        .isEqualTo("2000000000000");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
