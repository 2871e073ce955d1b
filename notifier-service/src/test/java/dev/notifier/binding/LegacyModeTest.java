package dev.notifier.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Legacy mode through the pipeline: a new installation sends each type to its one URL; the first
 * target created switches to targets and bindings and keeps the URL.
 */
class LegacyModeTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn legacy = new ChatStandIn();
  private final ChatStandIn bound = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    legacy.close();
    bound.close();
  }

  @Test
  void aTypesLegacyUrlIsUsedUntilTheFirstTargetIsCreated() {
    // given a new installation: legacy mode on, one URL for breaker alerts (a local custom webhook:
    // its host is no platform's)
    legacy.respond(r -> ChatStandIn.Reply.json("{}"));
    bound.respond(r -> ChatStandIn.WECOM_OK);
    assertThat(legacyMode()).isTrue();
    world
        .jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE,"
                + " legacy_circuit_breaker_url = :u")
        .param("u", legacy.url("/hooks/breaker"))
        .update();
    Bindings service = world.start().getBean(Bindings.class);

    // when a breaker opens
    world.publishEvent("provider:1", Examples.breakerOpened(1));

    // then the legacy URL has it, as a custom webhook's JSON
    await().atMost(Duration.ofSeconds(30)).until(() -> legacy.accepted().size() == 1);
    assertThat(legacy.accepted().getFirst().body()).contains("\"provider_id\"");

    // when the first target is created and bound
    world.bindTarget("ops", "wecom", bound.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    assertThat(legacyMode()).isFalse();
    // and the service has seen it (its settings are cached for 200 ms here): an alert read
    // before then still goes by the cached legacy mode, which the test would take for a bug
    await().atMost(Duration.ofSeconds(10)).until(() -> !service.settings().legacyMode());
    world.publishEvent("provider:2", Examples.breakerOpened(2));

    // then the binding has the next alert, the legacy URL nothing more, and it is kept
    await().atMost(Duration.ofSeconds(30)).until(() -> bound.accepted().size() == 1);
    assertThat(legacy.all()).hasSize(1);
    assertThat(
            world
                .jdbc()
                .sql("SELECT legacy_circuit_breaker_url FROM notification_settings")
                .query(String.class)
                .single())
        .isEqualTo(legacy.url("/hooks/breaker"));
  }

  private boolean legacyMode() {
    return world
        .jdbc()
        .sql("SELECT use_legacy_mode FROM notification_settings")
        .query(Boolean.class)
        .single();
  }
}
