package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import dev.notifier.testing.AdminClient;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log and the dedupe state through the API: changes made through the API are read back
 * filtered and paged; a breaker alert that went out shows as an open window and an open breaker,
 * and repeats inside the window as suppressed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAndStateApiTest {

  private static final String TOKEN = "adm-audit-7f3e";
  private static final String READER = "read-audit-1d5b";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;
  private AdminClient admin;

  @BeforeAll
  void start() {
    slack.respond(r -> ChatStandIn.Reply.status(200, "ok"));
    world.bindTarget("ops", "slack", slack.url("/services/T/B/x"), "circuit_breaker");
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
  void changesAreReadBackFilteredAndPaged() throws Exception {
    for (int n = 5; n <= 7; n++) {
      assertThat(
              admin.call("PUT", "/api/settings", "{\"leaderboard_top_n\": " + n + "}").statusCode())
          .isEqualTo(200);
    }

    JsonNode first =
        json.readTree(admin.call("GET", "/api/audit?action=settings.update&limit=2", null).body());
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.at("/items/0/changed/0").asString()).isEqualTo("leaderboard_top_n");
    assertThat(first.at("/items/0/actor").asString()).startsWith("token:");
    long next = first.get("next").asLong();
    JsonNode second =
        json.readTree(
            admin
                .call("GET", "/api/audit?action=settings.update&limit=2&before=" + next, null)
                .body());
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("next").isNull()).isTrue();
    JsonNode none =
        json.readTree(admin.call("GET", "/api/audit?since=2999-01-01T00:00:00Z", null).body());
    assertThat(none.get("items")).isEmpty();
  }

  @Test
  void aBadQueryNamesTheParameter() throws Exception {
    HttpResponse<String> since = admin.call("GET", "/api/audit?since=yesterday", null);
    assertThat(since.statusCode()).isEqualTo(400);
    assertThat(json.readTree(since.body()).at("/problems/0/field").asString()).isEqualTo("since");
    HttpResponse<String> limit = admin.call("GET", "/api/audit?limit=0", null);
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(json.readTree(limit.body()).at("/problems/0/field").asString()).isEqualTo("limit");
    HttpResponse<String> target = admin.call("GET", "/api/audit?target_id=x", null);
    assertThat(target.statusCode()).isEqualTo(400);
    assertThat(json.readTree(target.body()).at("/problems/0/field").asString())
        .isEqualTo("target_id");
  }

  @Test
  void anOpenBreakerAndItsSuppressedRepeatsShow() throws Exception {
    // given provider 1 opened, alerted, then opened again twice inside the window
    for (int i = 0; i < 3; i++) {
      world.publish(
          world.eventsTopic(),
          "proxy-1",
          Examples.breakerOpened(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);

    // then
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                json.readTree(admin.call("GET", "/api/dedupe", null).body())
                        .at("/breaker_windows/0/suppressed_count")
                        .asLong()
                    == 2);
    JsonNode state = json.readTree(admin.call("GET", "/api/dedupe", null).body());
    assertThat(state.at("/breaker_windows/0/key").asString()).contains("1");
    assertThat(state.get("open_breakers")).hasSize(1);
    assertThat(state.get("cost_levels")).isEmpty();
    assertThat(state.get("cache_hit_cooldowns")).isEmpty();
  }

  @Test
  void withoutATokenItIs401AndAReadTokenMayReadButNothingWrites() throws Exception {
    AdminClient anonymous = new AdminClient(notifier, null);
    assertThat(anonymous.call("GET", "/api/audit", null).statusCode()).isEqualTo(401);
    assertThat(anonymous.call("GET", "/api/dedupe", null).statusCode()).isEqualTo(401);
    AdminClient reader = new AdminClient(notifier, READER);
    assertThat(reader.call("GET", "/api/audit", null).statusCode()).isEqualTo(200);
    assertThat(reader.call("GET", "/api/dedupe", null).statusCode()).isEqualTo(200);
    // there is nothing to write here: the audit and the state are read-only
    assertThat(admin.call("POST", "/api/audit", "{}").statusCode()).isEqualTo(405);
  }
}
