package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.delivery.DeadLetterReplay;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** What the platform answers decides retries, dead letters and what a replay sends. */
class DeliveryFailureTest {

  private static final String KEY = "wecom-secret-key-must-not-leak";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private ConfigurableApplicationContext instance;
  private long targetId;

  @BeforeEach
  void setUp() {
    targetId =
        world.bindTarget(
            "ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=" + KEY), "circuit_breaker");
    instance = world.start();
  }

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void rateLimitedOnceWaitsOutTheBotsMinuteAndIsDeliveredOnce() {
    // given WeCom says 45009 (rate limited) once, then accepts
    AtomicInteger calls = new AtomicInteger();
    wecom.respond(
        r ->
            calls.getAndIncrement() == 0
                ? Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")
                : ChatStandIn.WECOM_OK);

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then the bot is left alone for its minute: the delivery waits in the held store, and no
    // retry spends a request on a bot that refuses them
    await().atMost(Duration.ofSeconds(30)).until(() -> heldRows() == 1);
    assertThat(wecom.all()).hasSize(1);
    assertThat(
            Meters.count(
                instance,
                "notifier.delivery.retries",
                "channel",
                "wecom",
                "reason",
                "rate_limited"))
        .isZero();

    // and once the minute has passed, it goes out once
    world.clock().advance(Duration.ofSeconds(61));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    assertThat(wecom.all()).hasSize(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> heldRows() == 0);
    assertThat(world.jdbc().sql("SELECT attempts FROM delivery_log").query(Integer.class).single())
        .isEqualTo(2);
  }

  private long heldRows() {
    return world.jdbc().sql("SELECT count(*) FROM held_deliveries").query(Long.class).single();
  }

  @Test
  void serverErrorsEndInTheDltAndReplayDeliversExactlyOnce() {
    // given WeCom fails with 500 until told otherwise
    AtomicBoolean healthy = new AtomicBoolean(false);
    wecom.respond(
        r -> healthy.get() ? ChatStandIn.WECOM_OK : Reply.status(500, "upstream exploded"));

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then: 4 attempts in process, on the main topic and on each of 3 retry topics, then the DLT
    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(60)).until(() -> world.readAll(dlt).size() == 1);
    ConsumerRecord<String, byte[]> dead = world.readAll(dlt).getFirst();
    assertThat(header(dead, "notifier-reason")).isEqualTo("server_error");
    assertThat(header(dead, "notifier-attempts")).isEqualTo("16");
    assertThat(header(dead, "notifier-channel")).isEqualTo("wecom");
    assertThat(header(dead, "notifier-target-id")).isEqualTo(String.valueOf(targetId));
    assertThat(header(dead, "notifier-notification-type")).isEqualTo("circuit_breaker");
    assertThat(header(dead, "notifier-last-error"))
        .contains("HTTP 500")
        .contains("upstream exploded");
    assertNoSecretIn(dead);
    assertThat(wecom.all()).hasSize(16);
    assertThat(wecom.accepted()).isEmpty();

    // when the platform recovers and ops replay the DLT
    healthy.set(true);
    DeadLetterReplay replay =
        new DeadLetterReplay(world.bootstrapServers(), dlt, world.deliveriesTopic());
    List<DeadLetterReplay.Entry> listed =
        replay.list(new DeadLetterReplay.Filter(null, null, "circuit_breaker", "wecom", targetId));
    assertThat(listed).hasSize(1);
    assertThat(replay.replay(DeadLetterReplay.Filter.all(), Set.of(listed.getFirst().position())))
        .hasSize(1);

    // then it is delivered once
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // and a second replay sends nothing new
    replay.replay(DeadLetterReplay.Filter.all(), Set.of());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Meters.count(
                        instance,
                        "notifier.deliveries",
                        "outcome",
                        "skipped",
                        "reason",
                        "already_delivered")
                    == 1);
    assertThat(wecom.accepted()).hasSize(1);
    assertThat(wecom.all()).hasSize(17);
  }

  @Test
  void anInvalidKeyIsNotRetriedAndGoesStraightToTheDlt() {
    // given
    wecom.respond(
        r -> Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url, hint: [1234]\"}"));

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then
    String dlt = world.deliveriesTopic() + ".DLT";
    await().atMost(Duration.ofSeconds(30)).until(() -> world.readAll(dlt).size() == 1);
    ConsumerRecord<String, byte[]> dead = world.readAll(dlt).getFirst();
    assertThat(header(dead, "notifier-reason")).isEqualTo("auth_error");
    assertThat(header(dead, "notifier-attempts")).isEqualTo("1");
    assertThat(header(dead, "notifier-last-error")).contains("93000");
    assertNoSecretIn(dead);
    assertThat(wecom.all()).hasSize(1);
    assertThat(world.readAll(world.deliveriesTopic() + "-retry-400")).isEmpty();
  }

  private static void assertNoSecretIn(ConsumerRecord<String, byte[]> record) {
    for (Header h : record.headers()) {
      assertThat(new String(h.value(), StandardCharsets.UTF_8)).as(h.key()).doesNotContain(KEY);
    }
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(KEY);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
