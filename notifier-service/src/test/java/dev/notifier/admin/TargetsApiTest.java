package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import dev.notifier.secrets.SecretCipher;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.DingTalkRobot;
import dev.notifier.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The targets API on a running notifier with a real PostgreSQL, and a real HTTP server standing in
 * for a DingTalk robot whose security setting is the keyword 告警: a target naming the robot's
 * keyword is checked with DingTalk and saved; one naming another keyword is refused against {@code
 * config.keyword} and never stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetsApiTest {

  private static final String ADMIN_TOKEN = "adm-4c1d9e7f0b2a";
  private static final String ROBOT_TOKEN = "d1ngta1k-robot-access-token-77a1";
  private static final String SECRET =
      "SECf00dfeedbeef0123456789abcdef0123456789abcdef0123456789abcdef0123";

  private static final SecretCipher CIPHER = SecretCipher.of(TestWorld.SECRET_KEY);

  private final TestWorld world = new TestWorld();
  private final ChatStandIn robot = new ChatStandIn();
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;

  @BeforeAll
  void start() {
    // The binding cache lives ten minutes here, so a saved target is only seen at once if saving
    // drops the cache.
    notifier =
        world.start(
            Map.of("notifier.admin.token", ADMIN_TOKEN, "notifier.bindings.cache-ttl", "10m"));
  }

  @AfterAll
  void stop() {
    world.close();
    robot.close();
  }

  @Test
  void aTargetNamingTheRobotsKeywordIsCheckedWithDingTalkThenSaved() throws Exception {
    robot.respond(new DingTalkRobot("告警"));
    int before = robot.accepted().size();

    HttpResponse<String> created = call("POST", "/api/targets", dingTalk("ops-ding", "告警"));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    long id = body.get("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/targets/" + id);
    assertThat(body.at("/lastTest/ok").asBoolean()).isTrue();
    assertThat(body.get("hasSecret").asBoolean()).isTrue();
    assertThat(created.body()).doesNotContain(ROBOT_TOKEN).doesNotContain(SECRET);
    // DingTalk saw one message, and it carried the keyword
    assertThat(robot.accepted()).hasSize(before + 1);
    assertThat(markdownText(robot.accepted().getLast())).contains("告警");
    // stored with its credentials, sealed, and audited without them
    String storedUrl =
        world
            .jdbc()
            .sql("SELECT url FROM webhook_targets WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(storedUrl).startsWith(SecretCipher.PREFIX).doesNotContain(ROBOT_TOKEN);
    assertThat(CIPHER.open(storedUrl, "webhook_targets.url"))
        .endsWith("access_token=" + ROBOT_TOKEN);
    Map<String, Object> audit =
        world
            .jdbc()
            .sql(
                "SELECT actor, action, changed::text AS changed, outcome FROM admin_audit WHERE target_id = :id")
            .param("id", id)
            .query()
            .singleRow();
    assertThat(audit.get("action")).isEqualTo("create");
    assertThat(audit.get("actor").toString()).matches("token:[0-9a-f]{8}@.*");
    assertThat(audit.get("changed").toString()).contains("\"url\"", "\"secret\"", "\"config\"");
    assertThat(audit.toString()).doesNotContain(ROBOT_TOKEN).doesNotContain(SECRET);
  }

  @Test
  void aKeywordTheRobotDoesNotHaveIsRefusedAgainstConfigKeywordAndNothingIsStored()
      throws Exception {
    robot.respond(new DingTalkRobot("告警"));

    HttpResponse<String> refused = call("POST", "/api/targets", dingTalk("wrong-keyword", "报警"));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(refused.body()).at("/problems/0");
    assertThat(problem.get("field").asString()).isEqualTo("config.keyword");
    assertThat(problem.get("message").asString()).contains("报警", "keywords not in content");
    assertThat(refused.body()).doesNotContain(ROBOT_TOKEN).doesNotContain(SECRET);
    assertThat(storedNamed("wrong-keyword")).isZero();
  }

  @Test
  void anUndecidedPlatformLeavesTheTargetUnsavedUnlessTheCheckIsSkipped() throws Exception {
    robot.respond(r -> Reply.status(503, "maintenance"));

    HttpResponse<String> unverified = call("POST", "/api/targets", dingTalk("undecided", "告警"));

    assertThat(unverified.statusCode()).isEqualTo(503);
    assertThat(json.readTree(unverified.body()).get("detail").asString()).contains("verify=false");
    assertThat(storedNamed("undecided")).isZero();

    int asked = robot.all().size();
    HttpResponse<String> saved =
        call("POST", "/api/targets?verify=false", dingTalk("undecided", "告警"));
    assertThat(saved.statusCode()).isEqualTo(201);
    assertThat(json.readTree(saved.body()).get("lastTest").isNull()).isTrue();
    assertThat(robot.all()).hasSize(asked);
  }

  @Test
  void onlyAChangeThePlatformCouldJudgeSendsACheckMessage() throws Exception {
    robot.respond(new DingTalkRobot("告警"));
    long id =
        json.readTree(call("POST", "/api/targets", dingTalk("edits", "告警")).body())
            .get("id")
            .asLong();
    int asked = robot.all().size();

    HttpResponse<String> renamed = call("PUT", "/api/targets/" + id, "{\"name\":\"edits-2\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(json.readTree(renamed.body()).get("name").asString()).isEqualTo("edits-2");
    assertThat(robot.all()).hasSize(asked);

    HttpResponse<String> mentions =
        call("PUT", "/api/targets/" + id, "{\"config\":{\"keyword\":\"告警\",\"isAtAll\":true}}");
    assertThat(mentions.statusCode()).isEqualTo(200);
    assertThat(robot.all()).hasSize(asked + 1);

    HttpResponse<String> wrong =
        call("PUT", "/api/targets/" + id, "{\"config\":{\"keyword\":\"报警\"}}");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json.readTree(wrong.body()).at("/problems/0/field").asString())
        .isEqualTo("config.keyword");
    JsonNode kept = json.readTree(call("GET", "/api/targets/" + id, null).body());
    assertThat(kept.at("/config/keyword").asString()).isEqualTo("告警");
    assertThat(kept.at("/config/isAtAll").asBoolean()).isTrue();

    // switched off, nothing is asked; switched on again, DingTalk is asked before alerts flow
    int beforeSwitching = robot.all().size();
    assertThat(call("PUT", "/api/targets/" + id, "{\"enabled\":false}").statusCode())
        .isEqualTo(200);
    assertThat(robot.all()).hasSize(beforeSwitching);
    assertThat(call("PUT", "/api/targets/" + id, "{\"enabled\":true}").statusCode()).isEqualTo(200);
    assertThat(robot.all()).hasSize(beforeSwitching + 1);

    List<String> actions =
        world
            .jdbc()
            .sql(
                "SELECT action || ':' || changed::text FROM admin_audit WHERE target_id = :id ORDER BY id")
            .param("id", id)
            .query(String.class)
            .list();
    assertThat(actions)
        .containsExactly(
            "create:[\"name\", \"channel\", \"url\", \"secret\", \"config\"]",
            "update:[\"name\"]",
            "update:[\"config\"]",
            "update:[\"enabled\"]",
            "update:[\"enabled\"]");
  }

  @Test
  void aSavedTargetHearsTheNextAlertWithoutWaitingForTheCache() throws Exception {
    robot.respond(new DingTalkRobot("告警"));
    long id =
        json.readTree(call("POST", "/api/targets", dingTalk("on-call", "告警")).body())
            .get("id")
            .asLong();
    world
        .jdbc()
        .sql("UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE")
        .update();
    world
        .jdbc()
        .sql(
            "INSERT INTO notification_bindings (notification_type, target_id) VALUES ('circuit_breaker', :id)")
        .param("id", id)
        .update();
    // settings and bindings are still written with SQL; saving the target makes them visible
    assertThat(call("PUT", "/api/targets/" + id, "{\"name\":\"on-call-2\"}").statusCode())
        .isEqualTo(200);
    int before = robot.accepted().size();

    world.publishEvent("provider:71", Examples.breakerOpened(71));

    await().atMost(Duration.ofSeconds(30)).until(() -> robot.accepted().size() > before);
    String text = markdownText(robot.accepted().getLast());
    assertThat(text).contains("告警");
    assertThat(robot.all().subList(before, robot.all().size()))
        .allSatisfy(r -> assertThat(r.body()).doesNotContain("keywords not in content"));
  }

  @Test
  void aTestSendReportsThePlatformsVerdictAndIsRecorded() throws Exception {
    robot.respond(new DingTalkRobot("告警"));
    long id =
        json.readTree(call("POST", "/api/targets", dingTalk("tested", "告警")).body())
            .get("id")
            .asLong();

    JsonNode ok = json.readTree(call("POST", "/api/targets/" + id + "/test", null).body());
    assertThat(ok.get("ok").asBoolean()).isTrue();

    robot.respond(r -> Reply.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
    HttpResponse<String> failed = call("POST", "/api/targets/" + id + "/test", null);
    assertThat(failed.statusCode()).isEqualTo(200);
    JsonNode verdict = json.readTree(failed.body());
    assertThat(verdict.get("ok").asBoolean()).isFalse();
    assertThat(verdict.get("reason").asString()).isEqualTo("auth_error");
    assertThat(verdict.get("detail").asString()).contains("sign not match");
    assertThat(failed.body()).doesNotContain(ROBOT_TOKEN).doesNotContain(SECRET);
    assertThat(
            json.readTree(call("GET", "/api/targets/" + id, null).body())
                .at("/lastTest/ok")
                .asBoolean())
        .isFalse();

    assertThat(call("DELETE", "/api/targets/" + id, null).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/targets/" + id, null).statusCode()).isEqualTo(404);
    assertThat(
            world
                .jdbc()
                .sql("SELECT action FROM admin_audit WHERE target_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list())
        .containsExactly("create", "test", "test", "delete");
  }

  @Test
  void credentialsNeverComeBackAndAMaskedHeaderKeepsItsValue() throws Exception {
    String hook = robot.url("/hooks/8f3a1c2e9d7b6a5f4e3d2c1b0a9f8e7d");
    HttpResponse<String> created =
        call(
            "POST",
            "/api/targets",
            """
            {"name":"custom","channel":"webhook","url":"%s","secret":"%s",
             "config":{"headers":{"Authorization":"Bearer hdr-7e6d5c4b3a"}}}"""
                .formatted(hook, SECRET));
    assertThat(created.statusCode()).isEqualTo(201);
    long id = json.readTree(created.body()).get("id").asLong();
    String listed = call("GET", "/api/targets", null).body();
    for (String shown : List.of(created.body(), listed)) {
      assertThat(shown)
          .doesNotContain("8f3a1c2e9d7b6a5f4e3d2c1b0a9f8e7d")
          .doesNotContain(SECRET)
          .doesNotContain("hdr-7e6d5c4b3a");
    }
    JsonNode shown = json.readTree(created.body());
    assertThat(shown.get("url").asString()).isEqualTo(robot.url("/******"));

    // a client sends back what it was shown, plus one header
    String sentBack =
        "{\"config\":{\"headers\":{\"Authorization\":\""
            + shown.at("/config/headers/Authorization").asString()
            + "\",\"X-Team\":\"ops\"}}}";
    assertThat(call("PUT", "/api/targets/" + id, sentBack).statusCode()).isEqualTo(200);
    String storedHeader =
        world
            .jdbc()
            .sql("SELECT config->'headers'->>'Authorization' FROM webhook_targets WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(CIPHER.open(storedHeader, "webhook_targets.config.headers"))
        .isEqualTo("Bearer hdr-7e6d5c4b3a");

    HttpResponse<String> taken =
        call("POST", "/api/targets", "{\"name\":\"custom\",\"channel\":\"log\"}");
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(json.readTree(taken.body()).at("/problems/0/field").asString()).isEqualTo("name");
  }

  @Test
  void badRequestsNameEveryFieldToFix() throws Exception {
    String wecom = robot.url("/cgi-bin/webhook/send?key=k-0a1b2c3d4e");
    Map<String, List<String>> cases =
        Map.ofEntries(
            Map.entry("{}", List.of("name", "channel")),
            Map.entry("{\"name\":\"x\",\"channel\":\"pager\"}", List.of("channel")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\"http://10.0.0.5/hook\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\"http://127.0.0.1:6379/\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\"ftp://example.com/x\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"proxy\":\"gopher://p:1\"}}",
                List.of("config.proxy")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"proxy\":\"http://127.0.0.1:3128\"}}",
                List.of("config.proxy")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"proxy\":\"socks5://169.254.169.254:1080\"}}",
                List.of("config.proxy")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\"https://example.com:0/hook\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\"http://[fe80::1%25eth0]/hook\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"rateLimits\":[{\"limit\":\"many\"}]}}",
                List.of("config.rateLimits")),
            Map.entry("{\"name\":\"x\",\"channel\":\"wecom\"}", List.of("url")),
            // a target's own mentions go into markup: held to the platform's ids
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"mentionedList\":[\"a><font color=\\\"info\\\">\"]}}",
                List.of("config.mentionedList")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"slack\",\"url\":\""
                    + robot.url("/services/T0/B0/mentions")
                    + "\",\"config\":{\"users\":[\"<!channel>\"],\"groups\":[\"S1\"]}}",
                List.of("config.users", "config.groups")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"slack\",\"url\":\"smtp://127.0.0.1:2525\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"telegram\"}", List.of("secret", "config.chat_id")),
            // each channel's settings are bound to its own record: a typo or a wrong type is named
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"msgtyp\":\"text\"}}",
                List.of("config.msgtyp")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"wecom\",\"url\":\""
                    + wecom
                    + "\",\"config\":{\"msgtype\":\"html\"}}",
                List.of("config.msgtype")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"telegram\",\"secret\":\"123456:"
                    + "A".repeat(35)
                    + "\",\"config\":{\"chat_id\":true,\"message_thread_id\":\"5\"}}",
                List.of("config.chat_id")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"telegram\",\"secret\":\"123456:"
                    + "A".repeat(35)
                    + "\",\"config\":{\"chat_id\":-100,\"message_thread_id\":\"5\"}}",
                List.of("config.message_thread_id")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"email\",\"url\":\"smtp://127.0.0.1:2525\",\"config\":{\"from\":\"not an address\",\"to\":\"ops@example.com\"}}",
                List.of("config.from")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"dingtalk\",\"url\":\""
                    + robot.url("/robot/send")
                    + "\",\"config\":{\"keyword\":7}}",
                List.of("url", "config.keyword")),
            Map.entry("{\"name\":\"x\",\"channel\":\"log\",\"secert\":\"s\"}", List.of("secert")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"enabled\":\"perhaps\"}", List.of("enabled")),
            Map.entry("not json", List.of("body")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\"https://example.com/\","
                    + "\"secret\":\"whsec_c2hvcnQ=\",\"config\":{\"note\":\"\\u0000\"}}",
                List.of("config.note")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\""
                    + robot.url("/hook")
                    + "\",\"secret\":\"whsec_c2hvcnQ=\"}",
                List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\""
                    + robot.url("/hook")
                    + "\",\"secret\":\"my-plain-secret!!\"}",
                List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"dingtalk\",\"url\":\""
                    + robot.url("/robot/send?access_token=t")
                    + "\",\"secret\":\"SEC123\"}",
                List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"feishu\",\"url\":\""
                    + robot.url("/open-apis/bot/v2/hook/t")
                    + "\",\"secret\":\"has spaces and !\"}",
                List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"telegram\",\"secret\":\"not-a-bot-token\","
                    + "\"config\":{\"chat_id\":\"@ops\"}}",
                List.of("secret")),
            Map.entry("{\"name\":123,\"channel\":\"log\"}", List.of("name")),
            // a value that reads as sealed would, stored as written, keep the service from starting
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"secret\":\"enc:v1:00000000:AAAA\"}",
                List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"config\":{\"headers\":"
                    + "{\"Authorization\":\"enc:v1:00000000:AAAA\"}}}",
                List.of("config.headers.Authorization")),
            Map.entry("{\"name\":\"x\",\"channel\":\"log\",\"enabled\":1}", List.of("enabled")),
            Map.entry("{\"name\":\"x\",\"channel\":[\"log\"]}", List.of("channel")),
            Map.entry("{\"name\":\"x\\ud800y\",\"channel\":\"log\"}", List.of("name")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"secret\":\"a\\u0000b\"}", List.of("secret")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"config\":{\"note\":\"a\\u0000b\"}}",
                List.of("config.note")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"log\",\"config\":{\"list\":[\"ok\",\"\\udc00\"]}}",
                List.of("config.list.1")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\"https://example.com/"
                    + "a".repeat(3000)
                    + "\"}",
                List.of("url")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\"https://example.com/\","
                    + "\"config\":{\"template\":\""
                    + "x".repeat(20_000)
                    + "\"}}",
                List.of("config.template")),
            Map.entry(
                "{\"name\":\"x\",\"channel\":\"webhook\",\"url\":\"https://example.com/\","
                    + "\"config\":{\"headers\":{"
                    + java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> "\"X-H" + i + "\":\"v\"")
                        .collect(java.util.stream.Collectors.joining(","))
                    + "}}}",
                List.of("config.headers")));
    int asked = robot.all().size();
    for (var c : cases.entrySet()) {
      HttpResponse<String> answer = call("POST", "/api/targets", c.getKey());
      assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json.readTree(answer.body()).get("problems").findValuesAsString("field"))
          .as(c.getKey())
          .containsExactlyInAnyOrderElementsOf(c.getValue());
    }
    assertThat(robot.all()).hasSize(asked);
    assertThat(storedNamed("x")).isZero();

    HttpResponse<String> notANumber = call("GET", "/api/targets/abc", null);
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(json.readTree(notANumber.body()).at("/problems/0/field").asString()).isEqualTo("id");
    assertThat(call("GET", "/api/targets/987654", null).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutTheAdminTokenNothingIsAnswered() throws Exception {
    for (String token : new String[] {null, "wrong", ADMIN_TOKEN + "x"}) {
      HttpRequest.Builder request = request("GET", "/api/targets", null);
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
  }

  private String dingTalk(String name, String keyword) {
    return """
        {"name":"%s","channel":"dingtalk","url":"%s","secret":"%s",
         "config":{"keyword":"%s","atMobiles":["13800000000"]}}"""
        .formatted(name, robot.url("/robot/send?access_token=" + ROBOT_TOKEN), SECRET, keyword);
  }

  private String markdownText(ChatStandIn.Request request) {
    return json.readTree(request.body()).at("/markdown/text").asString();
  }

  private int storedNamed(String name) {
    return world
        .jdbc()
        .sql("SELECT count(*) FROM webhook_targets WHERE name = :n")
        .param("n", name)
        .query(Integer.class)
        .single();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(
        request(method, path, body).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String method, String path, String body) {
    int port = Integer.parseInt(notifier.getEnvironment().getProperty("local.server.port"));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
  }
}
