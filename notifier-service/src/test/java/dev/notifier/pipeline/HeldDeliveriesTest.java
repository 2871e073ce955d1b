package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Held deliveries are durable and accountable: they survive a restart and arrive as one digest, and
 * a digest the platform refuses sends each of them to the dead-letter topic, like any failed
 * delivery.
 */
class HeldDeliveriesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void heldDeliveriesSurviveARestartAndArriveAsOneDigest() {
    // given a bot allowed one message every 8 seconds
    long target = bindWithLimit(1, 8);
    ConfigurableApplicationContext first = world.start();

    // when three providers trip, and the instance stops before the window moves on
    Examples.tripInOrder(world, 1, 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> heldCount() == 2);
    first.close();
    assertThat(heldCount()).isEqualTo(2);

    // then the next instance sends the two held ones as one digest
    world.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 2);
    String digest = wecom.accepted().get(1).body();
    assertThat(digest).contains("(ID: 2)", "(ID: 3)", "另有 1 条");
    // not before the window the first instance used has moved on: a restart does not reset it
    long gapMs =
        (wecom.accepted().get(1).receivedNanos() - wecom.accepted().get(0).receivedNanos())
            / 1_000_000;
    assertThat(gapMs).isGreaterThanOrEqualTo(8_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> heldCount() == 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo(target) == 3);
  }

  @Test
  void heldDeliveriesToATargetSwitchedOffMeanwhileAreSkippedNotSent() {
    long target = bindWithLimit(1, 30);
    world.start();
    Examples.tripInOrder(world, 1, 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> heldCount() == 2);

    world
        .jdbc()
        .sql("UPDATE webhook_targets SET enabled = FALSE WHERE id = :id")
        .param("id", target)
        .update();
    // the quota would allow the digest in 30 s; being switched off ends it at the next look
    world
        .jdbc()
        .sql("UPDATE held_deliveries SET not_before = :now")
        .param("now", world.now())
        .update();

    await().atMost(Duration.ofSeconds(20)).until(() -> heldCount() == 0);
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT count(*) FROM delivery_log WHERE status = 'skipped' AND reason = 'target_disabled'")
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(wecom.all()).hasSize(1);
  }

  /** Checked again right before sending: the global switch, the type's, the binding's. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE notification_settings SET enabled = FALSE",
        "UPDATE notification_settings SET circuit_breaker_enabled = FALSE",
        "UPDATE notification_bindings SET enabled = FALSE"
      })
  void heldDeliveriesOfNotificationsSwitchedOffMeanwhileAreSkippedNotSent(String switchOff) {
    // a window no real time runs out during the test: only the clock's jump frees it
    bindWithLimit(1, 60);
    world.start();
    Examples.tripInOrder(world, 1, 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> heldCount() == 2);

    // when the quota lets the digest go (60 s on the service's clock), its deliveries are found
    // switched off
    world.jdbc().sql(switchOff).update();
    world.clock().advance(Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(20)).until(() -> heldCount() == 0);
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT count(*) FROM delivery_log WHERE status = 'skipped' AND reason = 'switched_off'")
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(wecom.all()).hasSize(1);
  }

  @Test
  void aDeliveryWhoseTextCarriesANulCharacterCanBeHeld() {
    bindWithLimit(1, 30);
    world.start();
    for (int i = 1; i <= 2; i++) {
      world.publish(
          world.eventsTopic(),
          "proxy-1",
          Examples.breakerOpened(i)
              .replace("rate_limit_exceeded", "upstream said \\u0000 then hung up")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> heldCount() == 1);
  }

  @Test
  void aDigestThePlatformRefusesIsDeadLetteredDeliveryByDelivery() {
    // given a bot allowed one message a second, whose key is revoked after the first
    long target = bindWithLimit(1, 1);
    AtomicInteger requests = new AtomicInteger();
    wecom.respond(
        r ->
            requests.incrementAndGet() == 1
                ? ChatStandIn.WECOM_OK
                : Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
    world.start();

    // when three providers trip
    Examples.tripInOrder(world, 1, 3);

    // then the first is delivered, and the two held ones land in the DLT one by one
    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(30)).until(() -> world.readAll(dlt).size() == 2);
    List<ConsumerRecord<String, byte[]>> dead = world.readAll(dlt);
    for (ConsumerRecord<String, byte[]> record : dead) {
      assertThat(header(record, "notifier-reason")).isEqualTo("auth_error");
      assertThat(header(record, "notifier-target-id")).isEqualTo(String.valueOf(target));
      assertThat(header(record, "notifier-notification-type")).isEqualTo("circuit_breaker");
      assertThat(header(record, "notifier-notification-id")).isNotBlank();
      assertThat(header(record, "notifier-last-error")).contains("93000").doesNotContain("key=k");
    }
    assertThat(dead)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .anySatisfy(v -> assertThat(v).contains("(ID: 2)"))
        .anySatisfy(v -> assertThat(v).contains("(ID: 3)"));
    assertThat(requests).hasValue(2);
    assertThat(heldCount()).isZero();
    assertThat(wecom.accepted()).hasSize(1);
  }

  private long bindWithLimit(int limit, int perSeconds) {
    long id = world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET config = CAST(:c AS jsonb) WHERE id = :id")
        .param(
            "c",
            "{\"rateLimits\": [{\"limit\": " + limit + ", \"perSeconds\": " + perSeconds + "}]}")
        .param("id", id)
        .update();
    return id;
  }

  private long heldCount() {
    return world.jdbc().sql("SELECT count(*) FROM held_deliveries").query(Long.class).single();
  }

  private long deliveredTo(long target) {
    return world
        .jdbc()
        .sql("SELECT count(*) FROM delivery_log WHERE status = 'delivered' AND target_id = :t")
        .param("t", target)
        .query(Long.class)
        .single();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
