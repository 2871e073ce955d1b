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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deliveries DLT through the API: a delivery WeCom refused is listed with its reason and no
 * secret; a dry run changes nothing; a replay after the key is fixed delivers it once, and a second
 * replay is skipped as already delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersApiTest {

  private static final String TOKEN = "adm-dlt-8c2f";
  private static final String READER = "read-dlt-3e9a";
  private static final String KEY = "wecom-key-dlt-0b1d";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicBoolean revoked = new AtomicBoolean(true);
  private ConfigurableApplicationContext notifier;
  private AdminClient admin;

  @BeforeAll
  void setUp() {
    wecom.respond(
        r ->
            revoked.get()
                ? Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")
                : ChatStandIn.WECOM_OK);
    world.bindTarget(
        "ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=" + KEY), "circuit_breaker");
    notifier =
        world.start(Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER));
    admin = new AdminClient(notifier, TOKEN);
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> world.readAll(world.deliveriesTopic() + ".DLT").size() == 1);
  }

  @AfterAll
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  @Order(3)
  void aDeadLetterIsListedTriedReplayedOnceAndThenSkipped() throws Exception {
    // listed, with its reason, and without the key
    HttpResponse<String> listed =
        admin.call(
            "GET", "/api/dead-letters?channel=wecom&notification_type=circuit_breaker", null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(KEY);
    JsonNode item = json.readTree(listed.body()).at("/items/0");
    assertThat(item.get("reason").asString()).isEqualTo("auth_error");
    assertThat(item.get("already_delivered").asBoolean()).isFalse();
    String position = item.get("position").asString();
    assertThat(
            json.readTree(admin.call("GET", "/api/dead-letters?channel=slack", null).body())
                .get("items"))
        .isEmpty();

    // a dry run sends nothing
    JsonNode dry =
        json.readTree(
            admin
                .call(
                    "POST",
                    "/api/dead-letters/replay",
                    "{\"positions\": [\"" + position + "\"], \"dry_run\": true}")
                .body());
    assertThat(dry.get("items")).hasSize(1);
    Thread.sleep(1_000);
    assertThat(wecom.all()).hasSize(1);

    // the key fixed, a replay delivers it once
    revoked.set(false);
    HttpResponse<String> replayed =
        admin.call("POST", "/api/dead-letters/replay", "{\"positions\": [\"" + position + "\"]}");
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // a second replay, by filter, is shown as already delivered and delivers nothing more
    JsonNode again =
        json.readTree(
            admin.call("POST", "/api/dead-letters/replay", "{\"channel\": \"wecom\"}").body());
    assertThat(again.at("/items/0/already_delivered").asBoolean()).isTrue();
    Thread.sleep(2_000);
    assertThat(wecom.accepted()).hasSize(1);
    assertThat(
            world
                .jdbc()
                .sql("SELECT count(*) FROM admin_audit WHERE action = 'dead-letters.replay'")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @Order(1)
  @CsvSource(
      delimiter = '|',
      value = {
        "positions|{\"positions\": \"0:1\"}",
        "positions|{\"positions\": [\"zero\"]}",
        "positions|{}",
        "since|{\"since\": \"yesterday\"}",
        "dry_run|{\"channel\": \"wecom\", \"dry_run\": \"yes\"}",
        "target_id|{\"target_id\": \"one\"}",
        "everything|{\"everything\": true}"
      })
  void aBadReplayIsRefusedNamingTheField(String field, String body) throws Exception {
    HttpResponse<String> refused = admin.call("POST", "/api/dead-letters/replay", body);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json.readTree(refused.body()).at("/problems/0/field").asString()).isEqualTo(field);
    assertThat(wecom.all()).hasSize(1);
  }

  @Test
  @Order(2)
  void withoutATokenItIs401AndAReadTokenMayListButNotReplay() throws Exception {
    assertThat(new AdminClient(notifier, null).call("GET", "/api/dead-letters", null).statusCode())
        .isEqualTo(401);
    AdminClient reader = new AdminClient(notifier, READER);
    assertThat(reader.call("GET", "/api/dead-letters", null).statusCode()).isEqualTo(200);
    assertThat(
            reader
                .call("POST", "/api/dead-letters/replay", "{\"channel\": \"wecom\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(admin.call("GET", "/api/dead-letters?since=soon", null).statusCode()).isEqualTo(400);
  }
}
