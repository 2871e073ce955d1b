package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL goes away while events arrive (the notifier's database stops taking connections and
 * its open ones are cut) and comes back: the consumers wait and retry in place, and when it is back
 * every alert is delivered once; nothing is dead-lettered or dropped for the outage.
 */
class DatabaseOutageTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.database().allowConnections();
    world.close();
    wecom.close();
  }

  @Test
  void anOutagePausesDeliveryAndLosesNothing() throws Exception {
    world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    ConfigurableApplicationContext instance =
        world.start(Map.of("spring.datasource.hikari.connection-timeout", "1000"));
    Examples.tripInOrder(world, 1, 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // when the database goes away and four more providers trip meanwhile
    world.database().refuseConnections();
    Examples.tripInOrder(world, 2, 5);
    Thread.sleep(4_000);
    int duringOutage = wecom.accepted().size();
    // ops see an event being retried in place, and for how long
    await().atMost(Duration.ofSeconds(10)).until(() -> retryingAge(instance) > 0);

    // and it comes back
    world.database().allowConnections();

    // then all five arrive, each once, and nothing went to a dead-letter topic
    await().atMost(Duration.ofSeconds(60)).until(() -> wecom.accepted().size() >= 5);
    await().during(Duration.ofSeconds(2)).until(() -> wecom.accepted().size() == 5);
    assertThat(duringOutage).isLessThan(5);
    List<String> seen =
        IntStream.rangeClosed(1, 5)
            .mapToObj(i -> "(ID: " + i + ")")
            .filter(id -> wecom.accepted().stream().anyMatch(r -> r.body().contains(id)))
            .toList();
    assertThat(seen).hasSize(5);
    assertThat(world.readAll(world.eventsTopic() + ".DLT")).isEmpty();
    assertThat(world.readAll(world.deliveriesTopic() + ".DLT")).isEmpty();
    // and once it is handled the gauge falls back to zero
    await().atMost(Duration.ofSeconds(10)).until(() -> retryingAge(instance) == 0);
  }

  private static double retryingAge(ConfigurableApplicationContext instance) {
    return instance
        .getBean(MeterRegistry.class)
        .get("notifier.retrying.record.age")
        .tag("consumer", "ingest")
        .gauge()
        .value();
  }
}
