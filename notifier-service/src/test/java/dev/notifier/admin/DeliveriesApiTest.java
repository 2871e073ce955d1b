package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import dev.notifier.testing.AdminClient;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deliveries history through the API, one row per attempt: a delivery WeCom rate-limited once
 * shows its failed attempt and its successful one; a refused delivery shows its one attempt with
 * the platform's redacted answer; filters and paging narrow them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveriesApiTest {

  private static final String TOKEN = "adm-history-6a0c";
  private static final String READER = "read-history-2f8e";
  private static final String KEY = "wecom-key-history-9d4b";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;
  private AdminClient admin;
  private long target;

  @BeforeAll
  void start() {
    AtomicInteger calls = new AtomicInteger();
    wecom.respond(
        r ->
            switch (calls.incrementAndGet()) {
              case 1 -> Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
              case 2 -> ChatStandIn.WECOM_OK;
              default ->
                  Reply.json(
                      "{\"errcode\":93000,\"errmsg\":\"invalid webhook url, key " + KEY + "\"}");
            });
    target =
        world.bindTarget(
            "ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=" + KEY), "circuit_breaker");
    notifier =
        world.start(Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER));
    admin = new AdminClient(notifier, TOKEN);
    world.publishEvent("provider:1", Examples.breakerOpened(1));
    // the 45009 keeps the bot quiet for a minute, which the delivery waits out in the held store
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                world.jdbc().sql("SELECT count(*) FROM held_deliveries").query(Long.class).single()
                    == 1);
    world.clock().advance(Duration.ofSeconds(61));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.all().size() == 2);
    world.publishEvent("provider:2", Examples.breakerOpened(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> world.readAll(world.deliveriesTopic() + ".DLT").size() == 1);
  }

  @AfterAll
  void stop() {
    world.close();
    wecom.close();
  }

  @Test
  void everyAttemptIsARowWithWhatThePlatformSaid() throws Exception {
    HttpResponse<String> got = admin.call("GET", "/api/deliveries?target_id=" + target, null);

    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).doesNotContain(KEY);
    List<String> seen = new ArrayList<>();
    for (JsonNode row : json.readTree(got.body()).get("items")) {
      seen.add(row.get("outcome").asString() + ":" + row.path("reason").asString(""));
      assertThat(row.get("target_name").asString()).isEqualTo("ops");
      assertThat(row.get("channel").asString()).isEqualTo("wecom");
    }
    // newest first: the refused one, then the delivered retry and its rate-limited first try
    assertThat(seen).containsExactly("failed:auth_error", "delivered:", "failed:rate_limited");
    JsonNode refused = json.readTree(got.body()).at("/items/0");
    assertThat(refused.get("detail").asString()).contains("93000");
  }

  @Test
  void filtersAndPagesNarrowTheHistory() throws Exception {
    JsonNode failed =
        json.readTree(admin.call("GET", "/api/deliveries?outcome=failed", null).body());
    assertThat(failed.get("items")).hasSize(2);
    JsonNode first = json.readTree(admin.call("GET", "/api/deliveries?limit=1", null).body());
    assertThat(first.get("items")).hasSize(1);
    long next = first.get("next").asLong();
    JsonNode rest =
        json.readTree(admin.call("GET", "/api/deliveries?limit=5&before=" + next, null).body());
    assertThat(rest.get("items")).hasSize(2);
    assertThat(rest.get("next").isNull()).isTrue();
    assertThat(
            json.readTree(
                    admin.call("GET", "/api/deliveries?notification_type=cost_alert", null).body())
                .get("items"))
        .isEmpty();
    assertThat(
            json.readTree(
                    admin.call("GET", "/api/deliveries?until=2000-01-01T00:00:00Z", null).body())
                .get("items"))
        .isEmpty();
  }

  @Test
  void aBadQueryNamesTheParameterAndTokensAreChecked() throws Exception {
    for (String[] bad :
        new String[][] {
          {"outcome=lost", "outcome"}, {"since=noon", "since"}, {"limit=501", "limit"}
        }) {
      HttpResponse<String> refused = admin.call("GET", "/api/deliveries?" + bad[0], null);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json.readTree(refused.body()).at("/problems/0/field").asString())
          .isEqualTo(bad[1]);
    }
    assertThat(new AdminClient(notifier, null).call("GET", "/api/deliveries", null).statusCode())
        .isEqualTo(401);
    assertThat(new AdminClient(notifier, READER).call("GET", "/api/deliveries", null).statusCode())
        .isEqualTo(200);
  }
}
