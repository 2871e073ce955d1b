package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The global switch, the type switch, bindings and targets decide who is told; a change shows
 * within seconds.
 */
class BindingSwitchesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void switchesBindingsAndTargetsAreHonouredAndChangesAreSeenWithinSeconds() {
    // given production's cache TTL, and everything bound but the global switch off
    long target = world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    world.jdbc().sql("UPDATE notification_settings SET enabled = FALSE").update();
    ConfigurableApplicationContext instance =
        world.start(Map.of("notifier.bindings.cache-ttl", "2s"));

    // then nothing goes out while a switch is off, a binding is disabled or the target is disabled
    world.publishEvent("provider:1", Examples.breakerOpened(1));
    awaitFiltered(instance, 1);

    world
        .jdbc()
        .sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = FALSE")
        .update();
    awaitSeen(instance, 2, 2);

    world.jdbc().sql("UPDATE notification_settings SET circuit_breaker_enabled = TRUE").update();
    world.jdbc().sql("UPDATE notification_bindings SET enabled = FALSE").update();
    awaitSeen(instance, 3, 3);

    world.jdbc().sql("UPDATE notification_bindings SET enabled = TRUE").update();
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET enabled = FALSE WHERE id = :id")
        .param("id", target)
        .update();
    awaitSeen(instance, 4, 4);
    assertThat(wecom.all()).isEmpty();

    // when everything is on again, the next event is delivered, within seconds of the change
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET enabled = TRUE WHERE id = :id")
        .param("id", target)
        .update();
    long changed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              world.publishEvent("provider:9", Examples.breakerOpened(9));
              return !wecom.accepted().isEmpty();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(5));
  }

  /**
   * Publishes events for new providers until {@code filtered} events were filtered: the change has
   * been seen.
   */
  private void awaitSeen(ConfigurableApplicationContext instance, long provider, int filtered) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (Meters.count(instance, "notifier.events") < filtered) {
                world.publishEvent("provider:" + provider, Examples.breakerOpened(provider));
              }
              return Meters.count(instance, "notifier.events", "outcome", "filtered") >= filtered;
            });
    assertThat(Meters.count(instance, "notifier.events", "outcome", "accepted")).isZero();
  }

  private static void awaitFiltered(ConfigurableApplicationContext instance, int n) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Meters.count(instance, "notifier.events", "outcome", "filtered") == n);
  }
}
