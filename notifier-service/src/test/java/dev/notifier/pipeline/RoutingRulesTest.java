package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A binding's routing rules, through the whole pipeline (broker, database, HTTP stand-ins): its
 * filters pass some of its type's notifications and not others; a mute window holds what falls in
 * it and sends one digest when it ends, or drops it on the record; a dead-lettered delivery goes to
 * the backup target once, saying so; mentions reach the platform in its own terms; a binding's
 * template shapes a custom webhook's body; a binding in its own language gets the message in it.
 */
class RoutingRulesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn chat = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    chat.close();
  }

  @Test
  void aFilteredBindingGetsOnlyWhatItsFiltersPass() {
    chat.respond(r -> Reply.status(200, "ok"));
    long filtered =
        world.bindTarget("only-2", "slack", chat.url("/services/A/A/a"), "circuit_breaker");
    world.bindTarget("all", "slack", chat.url("/services/B/B/b"), "circuit_breaker");
    rules(filtered, "filters", "{\"providers\": [\"2\"], \"min_level\": \"error\"}");
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));
    world.publishEvent("provider:2", Examples.breakerOpened(2));

    await().atMost(Duration.ofSeconds(30)).until(() -> onPath("/services/B/B/b").size() == 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> onPath("/services/A/A/a").size() == 1);
    // the unfiltered one's two arrived after the filtered one's would have: nothing more comes
    sleep(1_500);
    assertThat(onPath("/services/A/A/a")).hasSize(1);
    assertThat(onPath("/services/A/A/a").getFirst().body()).contains("(ID: 2)");
  }

  @Test
  void whatFallsInAMuteWindowIsSentAsOneDigestWhenItEnds() {
    chat.respond(r -> Reply.status(200, "ok"));
    long target =
        world.bindTarget("night", "slack", chat.url("/services/N/N/n"), "circuit_breaker");
    Instant until = world.clock().instant().plusSeconds(60);
    rules(target, "mute", "{\"until\": \"" + until + "\", \"action\": \"digest\"}");
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));
    world.publishEvent("provider:2", Examples.breakerOpened(2));

    await().atMost(Duration.ofSeconds(10)).until(() -> held("muted") == 2);
    assertThat(chat.all()).isEmpty();
    // the window ends on the service's clock
    world.clock().set(until);
    await().atMost(Duration.ofSeconds(40)).until(() -> !chat.accepted().isEmpty());
    assertThat(world.clock().instant()).isAfterOrEqualTo(until);
    sleep(1_500);
    assertThat(chat.accepted()).hasSize(1);
    assertThat(delivered()).isEqualTo(2);
  }

  @Test
  void aDeliveryHeldForTheQuotaThatComesDueInAMuteWindowWaitsForItsEnd() {
    chat.respond(r -> Reply.status(200, "ok"));
    long target = world.bindTarget("slow", "slack", chat.url("/services/S/S/s"), "circuit_breaker");
    world
        .jdbc()
        .sql(
            "UPDATE webhook_targets SET config = '{\"rateLimits\": [{\"limit\": 1, \"perSeconds\": 6}]}'"
                + " WHERE id = :t")
        .param("t", target)
        .update();
    world.start();

    // the first goes at once, the second waits for the quota (6 s)
    world.publishEvent("provider:1", Examples.breakerOpened(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> chat.accepted().size() == 1);
    world.publishEvent("provider:2", Examples.breakerOpened(2));
    await().atMost(Duration.ofSeconds(10)).until(() -> held("rate_limited") == 1);
    // and before the quota frees it, the binding is muted for longer
    Instant until = world.clock().instant().plusSeconds(60);
    rules(target, "mute", "{\"until\": \"" + until + "\"}");

    // the quota frees it: it is claimed, found muted and put back until the window's end
    world.clock().advance(Duration.ofSeconds(7));
    OffsetDateTime freed = world.now();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                world
                    .jdbc()
                    .sql("SELECT count(*) FROM held_deliveries WHERE not_before > :freed")
                    .param("freed", freed)
                    .query(Long.class)
                    .single(),
            n -> n == 1);
    assertThat(chat.accepted()).hasSize(1);
    // the window ends
    world.clock().set(until);
    await().atMost(Duration.ofSeconds(40)).until(() -> chat.accepted().size() == 2);
    assertThat(world.clock().instant()).isAfterOrEqualTo(until);
  }

  @Test
  void aMuteWindowThatDropsRecordsWhatItDropped() {
    chat.respond(r -> Reply.status(200, "ok"));
    long target =
        world.bindTarget("quiet", "slack", chat.url("/services/Q/Q/q"), "circuit_breaker");
    rules(
        target,
        "mute",
        "{\"windows\": [{\"from\": \"00:00\", \"to\": \"24:00\"}], \"action\": \"drop\"}");
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                world
                        .jdbc()
                        .sql(
                            "SELECT count(*) FROM delivery_log WHERE status = 'skipped'"
                                + " AND reason = 'muted'")
                        .query(Long.class)
                        .single()
                    == 1);
    sleep(1_000);
    assertThat(chat.all()).isEmpty();
  }

  @Test
  void aDeadLetteredDeliveryGoesToTheBackupOnceSayingSo() {
    chat.respond(
        r ->
            r.path().startsWith("/cgi-bin")
                ? Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")
                : Reply.status(200, "ok"));
    long primary =
        world.bindTarget(
            "primary-bot", "wecom", chat.url("/cgi-bin/webhook/send?key=k1"), "circuit_breaker");
    long backup = world.bindTarget("backup-room", "slack", chat.url("/services/K/K/k"));
    rules(primary, "backup_target_id", String.valueOf(backup));
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    await().atMost(Duration.ofSeconds(30)).until(() -> onPath("/services/K/K/k").size() == 1);
    String body = onPath("/services/K/K/k").getFirst().body();
    var deadLetters = world.readAll(world.deliveriesTopic() + ".DLT");
    assertThat(deadLetters).hasSize(1);
    String reason =
        new String(
            deadLetters.getFirst().headers().lastHeader("notifier-reason").value(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).contains("primary-bot").contains(reason).doesNotContain("key=k1");
    sleep(2_000);
    assertThat(onPath("/services/K/K/k")).hasSize(1);
  }

  @Test
  void aBindingsMentionsReachThePlatform() {
    chat.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    long target =
        world.bindTarget(
            "ding", "dingtalk", chat.url("/robot/send?access_token=t1"), "circuit_breaker");
    rules(target, "mentions", "{\"atUserIds\": [\"oncall-7\"], \"isAtAll\": false}");
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    await().atMost(Duration.ofSeconds(30)).until(() -> chat.accepted().size() == 1);
    assertThat(chat.accepted().getFirst().body())
        .contains("\"atUserIds\":[\"oncall-7\"]")
        .contains("@oncall-7");
  }

  @Test
  void aBindingsTemplateShapesTheCustomWebhooksBody() {
    chat.respond(r -> Reply.status(204, ""));
    long target = world.bindTarget("hook", "webhook", chat.url("/hooks/in"), "circuit_breaker");
    world
        .jdbc()
        .sql(
            "UPDATE webhook_targets SET config = '{\"template\": {\"kind\": \"target\"}}' WHERE id = :t")
        .param("t", target)
        .update();
    rules(
        target,
        "template_override",
        "{\"alert\": \"{{provider_name}} is down\", \"failures\": \"{{failure_count}}\","
            + " \"type\": \"{{notification_type}}\"}");
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    await().atMost(Duration.ofSeconds(30)).until(() -> chat.accepted().size() == 1);
    var body =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(chat.accepted().getFirst().body());
    assertThat(body.get("alert").asString()).isEqualTo("Anthropic 官方 is down");
    assertThat(body.get("failures").isNumber()).isTrue();
    assertThat(body.get("type").asString()).isEqualTo("circuit_breaker");
    assertThat(body.has("kind")).isFalse();
  }

  @Test
  void aBindingInItsOwnLanguageGetsTheMessageInIt() {
    chat.respond(r -> Reply.status(200, "ok"));
    world.bindTarget("cn", "slack", chat.url("/services/C/C/c"), "circuit_breaker");
    long en = world.bindTarget("en", "slack", chat.url("/services/E/E/e"), "circuit_breaker");
    world.jdbc().sql("UPDATE notification_settings SET locale = 'zh-CN'").update();
    world
        .jdbc()
        .sql("UPDATE notification_bindings SET locale = 'en' WHERE target_id = :t")
        .param("t", en)
        .update();
    world.start();

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    await().atMost(Duration.ofSeconds(30)).until(() -> chat.accepted().size() == 2);
    assertThat(onPath("/services/C/C/c").getFirst().body()).contains("熔断告警");
    assertThat(onPath("/services/E/E/e").getFirst().body())
        .contains("Provider circuit breaker open")
        .doesNotContain("熔断告警");
  }

  private void rules(long target, String column, String value) {
    String cast = column.equals("backup_target_id") ? "CAST(:v AS bigint)" : "CAST(:v AS jsonb)";
    world
        .jdbc()
        .sql("UPDATE notification_bindings SET " + column + " = " + cast + " WHERE target_id = :t")
        .param("v", value)
        .param("t", target)
        .update();
  }

  private List<ChatStandIn.Request> onPath(String path) {
    return chat.accepted().stream().filter(r -> r.path().equals(path)).toList();
  }

  private long held(String reason) {
    return world
        .jdbc()
        .sql("SELECT count(*) FROM delivery_log WHERE status = 'held' AND reason = :r")
        .param("r", reason)
        .query(Long.class)
        .single();
  }

  private long delivered() {
    return world
        .jdbc()
        .sql("SELECT count(*) FROM delivery_log WHERE status = 'delivered'")
        .query(Long.class)
        .single();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
