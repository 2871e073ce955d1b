package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.AdminClient;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test-sends through the API: a chosen type's sample goes through the real renderer and sender, its
 * result (time, latency, the redacted failure) is returned and shown on the target; a target can be
 * tried before it is saved, checked as a save would check it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSendApiTest {

  private static final String TOKEN = "adm-test-send-4b9e";
  private static final String READER = "read-test-send-7c1d";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicBoolean down = new AtomicBoolean();
  private ConfigurableApplicationContext notifier;
  private AdminClient admin;
  private long target;

  @BeforeAll
  void start() {
    slack.respond(r -> down.get() ? Reply.status(500, "internal_error") : Reply.status(200, "ok"));
    target = world.bindTarget("ops", "slack", slack.url("/services/T0/B0/secretpath"));
    world.jdbc().sql("UPDATE notification_settings SET locale = 'en'").update();
    notifier =
        world.start(Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER));
    admin = new AdminClient(notifier, TOKEN);
  }

  @AfterAll
  void stop() {
    world.close();
    slack.close();
  }

  @Test
  void aTypesSampleIsSentAndItsResultShowsOnTheTarget() throws Exception {
    down.set(false);
    int before = slack.accepted().size();

    HttpResponse<String> sent =
        admin.call("POST", "/api/targets/" + target + "/test?type=usage_report", null);

    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    JsonNode result = json.readTree(sent.body());
    assertThat(result.get("ok").asBoolean()).isTrue();
    assertThat(result.get("type").asString()).isEqualTo("usage_report");
    assertThat(result.get("at").asString()).isNotBlank();
    assertThat(slack.accepted()).hasSize(before + 1);
    assertThat(slack.accepted().getLast().body()).contains("Usage report", "laptop");
    JsonNode shown = json.readTree(admin.call("GET", "/api/targets/" + target, null).body());
    assertThat(shown.at("/lastTest/ok").asBoolean()).isTrue();
  }

  @Test
  void aFailedTestSaysWhyAndTheTargetKeepsIt() throws Exception {
    down.set(true);
    try {
      JsonNode result =
          json.readTree(
              admin
                  .call("POST", "/api/targets/" + target + "/test?type=cache_hit_alert", null)
                  .body());
      assertThat(result.get("ok").asBoolean()).isFalse();
      assertThat(result.get("reason").asString()).isEqualTo("server_error");
      assertThat(result.get("retryable").asBoolean()).isTrue();
      JsonNode shown = json.readTree(admin.call("GET", "/api/targets/" + target, null).body());
      assertThat(shown.at("/lastTest/ok").asBoolean()).isFalse();
      assertThat(shown.at("/lastTest/reason").asString()).isEqualTo("server_error");
      assertThat(shown.toString()).doesNotContain("secretpath");
    } finally {
      down.set(false);
    }
  }

  @Test
  void anUnknownTypeIsRefusedNamingIt() throws Exception {
    HttpResponse<String> refused =
        admin.call("POST", "/api/targets/" + target + "/test?type=weekly", null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json.readTree(refused.body()).at("/problems/0/field").asString()).isEqualTo("type");
  }

  @Test
  void aTargetCanBeTriedBeforeItIsSavedAndNothingIsStored() throws Exception {
    long targets = count();
    int before = slack.accepted().size();

    HttpResponse<String> tried =
        admin.call(
            "POST",
            "/api/targets/test?type=daily_leaderboard",
            """
            {"name": "maybe", "channel": "slack", "url": "%s"}"""
                .formatted(slack.url("/services/T0/B0/other")));

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    assertThat(json.readTree(tried.body()).get("ok").asBoolean()).isTrue();
    assertThat(slack.accepted()).hasSize(before + 1);
    assertThat(slack.accepted().getLast().body()).contains("leaderboard");
    assertThat(count()).isEqualTo(targets);
  }

  /**
   * A test send goes through the delivery pipeline, as any delivery: a message the platform finds
   * too long is shrunk and sent again, not reported as a failure the real delivery would not have.
   */
  @Test
  void aTestSendIsShrunkWhenThePlatformFindsItTooLongAsADeliveryWouldBe() throws Exception {
    try (ChatStandIn wecom = new ChatStandIn()) {
      AtomicInteger seen = new AtomicInteger();
      wecom.respond(
          r ->
              seen.incrementAndGet() == 1
                  ? Reply.json("{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}")
                  : ChatStandIn.WECOM_OK);

      HttpResponse<String> tried =
          admin.call(
              "POST",
              "/api/targets/test?type=circuit_breaker",
              """
              {"name": "w", "channel": "wecom", "url": "%s"}"""
                  .formatted(wecom.url("/cgi-bin/webhook/send?key=k")));

      assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
      assertThat(json.readTree(tried.body()).get("ok").asBoolean()).as(tried.body()).isTrue();
      assertThat(wecom.all()).hasSize(2);
      assertThat(wecom.all().get(1).body().length()).isLessThan(wecom.all().get(0).body().length());
    }
  }

  @Test
  void anUnsavedTargetIsCheckedAsASaveWouldBeWithoutConnecting() throws Exception {
    int before = slack.all().size();
    HttpResponse<String> refused =
        admin.call(
            "POST",
            "/api/targets/test",
            "{\"name\": \"inside\", \"channel\": \"slack\", \"url\": \"http://10.1.2.3/hook\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json.readTree(refused.body()).at("/problems/0/field").asString()).isEqualTo("url");
    HttpResponse<String> noUrl =
        admin.call("POST", "/api/targets/test", "{\"name\": \"x\", \"channel\": \"slack\"}");
    assertThat(noUrl.statusCode()).isEqualTo(400);
    assertThat(slack.all()).hasSize(before);
  }

  @Test
  void withoutATokenItIs401AndAReadTokenMayNotSend() throws Exception {
    assertThat(
            new AdminClient(notifier, null)
                .call("POST", "/api/targets/" + target + "/test", null)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            new AdminClient(notifier, READER)
                .call("POST", "/api/targets/" + target + "/test", null)
                .statusCode())
        .isEqualTo(403);
  }

  private long count() {
    return world.jdbc().sql("SELECT count(*) FROM webhook_targets").query(Long.class).single();
  }
}
