package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A recovery notice through the whole pipeline: only after an opened alert went out, saying how
 * long the provider was down, once; and with a flap grace, neither alert for a breaker that opened
 * and closed within it.
 */
class BreakerRecoveryTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private ConfigurableApplicationContext instance;

  @BeforeEach
  void bind() {
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k1"), "circuit_breaker");
  }

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void aRecoveryWithoutAnOpenedAlertThatWentOutIsNotSent() {
    instance = world.start();
    world.publishEvent("provider:1", closed(null));

    await().atMost(Duration.ofSeconds(30)).until(() -> filtered() >= 1);
    assertThat(wecom.all()).isEmpty();
  }

  @Test
  void aRecoveryFollowsTheAlertOnceAndSaysHowLongTheProviderWasDown() throws Exception {
    instance = world.start();
    world.publishEvent("provider:1", opened());
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // the closed event does not say when it opened: the alert's own time is used
    String closed = closed(null);
    world.publishEvent("provider:1", closed);
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 2);
    String recovery = wecom.accepted().get(1).body();
    assertThat(recovery).contains("熔断恢复").contains("31 分钟");

    // the same close again, and another one: nothing more was opened, nothing more is said
    world.publishEvent("provider:1", closed);
    world.publishEvent("provider:1", closed(null));
    await().atMost(Duration.ofSeconds(30)).until(() -> filtered() >= 1);
    Thread.sleep(500);
    assertThat(wecom.accepted()).hasSize(2);
  }

  @Test
  void aBreakerThatOpensAndClosesWithinTheGraceSendsNeitherOneThatStaysOpenIsReported()
      throws Exception {
    instance = world.start(Map.of("notifier.dedupe.breaker-flap-grace", "2s"));

    // a blip: opened and closed within the grace
    world.publishEvent("provider:1", opened());
    world.publishEvent("provider:1", closed(null));
    await().atMost(Duration.ofSeconds(30)).until(() -> filtered() >= 1);
    Thread.sleep(3_000); // past the grace: the opened alert was cancelled, not merely late
    assertThat(wecom.all()).isEmpty();

    // a real outage: the alert goes out once the grace has passed, and its recovery after it
    long published = System.nanoTime();
    world.publishEvent("provider:1", opened());
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    assertThat(Duration.ofNanos(wecom.accepted().getFirst().receivedNanos() - published))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    world.publishEvent("provider:1", closed(null));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 2);
    assertThat(wecom.accepted().get(1).body()).contains("熔断恢复");
  }

  private double filtered() {
    return Meters.count(
        instance,
        "notifier.events",
        "type",
        "llmproxy.circuit_breaker.closed.v1",
        "outcome",
        "filtered");
  }

  private static String opened() {
    return Examples.read("circuit-breaker-opened")
        .replace("4f1c2a9e-0b7d-4c55-9f61-1d2e3c4b5a01", UUID.randomUUID().toString());
  }

  /** The provider-wide close 31 minutes after the example's opening, {@code openedAt} as given. */
  private static String closed(String openedAt) {
    return Examples.read("circuit-breaker-closed")
        .replace("4f1c2a9e-0b7d-4c55-9f61-1d2e3c4b5a02", UUID.randomUUID().toString())
        .replace("\"source\": \"endpoint\"", "\"source\": \"provider\"")
        .replace("\"endpointId\": 7", "\"endpointId\": null")
        .replace("\"endpointUrl\": \"https://api.anthropic.com/v1\"", "\"endpointUrl\": null")
        .replace(
            "\"openedAt\": \"2025-01-15T06:00:00Z\"",
            "\"openedAt\": " + (openedAt == null ? "null" : "\"" + openedAt + "\""));
  }
}
