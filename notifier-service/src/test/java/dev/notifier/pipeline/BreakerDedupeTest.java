package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances racing on the same provider's breaker events send exactly one alert per window. */
class BreakerDedupeTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void fiftyEventsAcrossTwoInstancesMakeOneMessagePerProviderPerWindow() {
    // given two instances in one consumer group, and a window long enough for the burst but short
    // for the test
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    Map<String, Object> window = Map.of("notifier.dedupe.breaker-window", "6s");
    List<ConfigurableApplicationContext> instances =
        List.of(world.start(window), world.start(window));

    // when 50 distinct events for provider 7 arrive on every partition, so both instances handle
    // some at once
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      world.publish(
          new ProducerRecord<>(
              world.eventsTopic(),
              i % 3,
              "provider:7",
              Examples.breakerOpened(7).getBytes(StandardCharsets.UTF_8)));
    }

    // then every event is handled, one is accepted, 49 are suppressed, and one message arrives
    await().atMost(Duration.ofSeconds(30)).until(() -> handled(instances) == 50);
    assertThat(sum(instances, "accepted")).isEqualTo(1);
    assertThat(sum(instances, "suppressed")).isEqualTo(49);
    await().atMost(Duration.ofSeconds(10)).until(() -> wecom.accepted().size() == 1);
    assertThat(instances)
        .allSatisfy(
            i -> assertThat(Meters.count(i, "notifier.events", "outcome", "filtered")).isZero());
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT suppressed_count FROM alert_suppressions WHERE dedupe_key = 'breaker.opened:provider:7'")
                .query(Long.class)
                .single())
        .isEqualTo(49);

    // when another provider trips, it gets its own message
    world.publishEvent("provider:8", Examples.breakerOpened(8));
    await().atMost(Duration.ofSeconds(10)).until(() -> wecom.accepted().size() == 2);

    // and once the window is over, provider 7 alerts again
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> System.nanoTime() - start > Duration.ofSeconds(7).toNanos());
    world.publishEvent("provider:7", Examples.breakerOpened(7));
    await().atMost(Duration.ofSeconds(10)).until(() -> wecom.accepted().size() == 3);
    assertThat(wecom.accepted().get(2).body()).contains("(ID: 7)");
  }

  private static double handled(List<ConfigurableApplicationContext> instances) {
    return instances.stream().mapToDouble(i -> Meters.count(i, "notifier.events")).sum();
  }

  private static double sum(List<ConfigurableApplicationContext> instances, String outcome) {
    return instances.stream()
        .mapToDouble(i -> Meters.count(i, "notifier.events", "outcome", outcome))
        .sum();
  }
}
