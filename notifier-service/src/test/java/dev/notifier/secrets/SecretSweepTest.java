package dev.notifier.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of secret a target holds goes everywhere a secret could leak from: every admin
 * endpoint, a test send, deliveries that succeed and one that fails, its dead letter, a replay.
 * Then the log output, the metrics, every API answer, every table (but the sealed columns) and
 * every record, key and header on every topic are searched for each secret as it is, URL-encoded
 * and in base64. One hit fails the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretSweepTest {

  private static final String TOKEN = "adm-sweep-4e5f6a7b";
  private static final String WECOM_KEY = "wk-sweep-9f8e7d6c5b4a";
  private static final String DING_TOKEN = "dt-sweep-1a2b3c4d5e6f";
  private static final String DING_SECRET = "SEC" + "5eeb".repeat(16);
  private static final String FEISHU_HOOK = "fh-sweep-0f1e2d3c4b5a6978";
  private static final String FEISHU_SECRET = "FsSweepSecret9x8y7z";
  private static final String TG_TOKEN = "123456789:AAsweepTelegramBotToken0123456789ab";
  private static final String SLACK_TOKEN = "slackSweepToken0123456789";
  private static final String DISCORD_TOKEN = "discordSweepToken_abcdef0123456789";
  private static final String WEBHOOK_URL_TOKEN = "wh-sweep-url-token-5566";
  private static final String SIGNING_KEY = "sweep-signing-key-0123456789abcd";
  private static final String SIGNING =
      "whsec_" + Base64.getEncoder().encodeToString(SIGNING_KEY.getBytes(StandardCharsets.UTF_8));
  private static final String HEADER = "hdr-sweep-7788aabbcc";

  /** Short, and echoed back by its platform URL-decoded: the forms redaction used to miss. */
  private static final String SHORT_KEY = "Kq+7Z/x";

  private static final List<String> SECRETS =
      List.of(
          WECOM_KEY,
          DING_TOKEN,
          DING_SECRET,
          FEISHU_HOOK,
          FEISHU_SECRET,
          TG_TOKEN,
          SLACK_TOKEN,
          DISCORD_TOKEN,
          WEBHOOK_URL_TOKEN,
          SIGNING,
          SIGNING.substring(6),
          HEADER,
          SHORT_KEY,
          TOKEN);

  private final TestWorld world = new TestWorld();
  private final ChatStandIn platforms = new ChatStandIn();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> answers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    world.close();
    platforms.close();
  }

  @Test
  void noSecretAppearsAnywhereInAnyForm(CapturedOutput output) throws Exception {
    platforms.respond(SecretSweepTest::answer);
    ConfigurableApplicationContext notifier = world.start(Map.of("notifier.admin.token", TOKEN));
    String base = "http://127.0.0.1:" + notifier.getEnvironment().getProperty("local.server.port");

    Map<String, String> targets = new LinkedHashMap<>();
    targets.put(
        "wecom",
        target("wecom", platforms.url("/cgi-bin/webhook/send?key=" + WECOM_KEY), null, "{}"));
    targets.put(
        "wecom-short",
        target(
            "wecom",
            platforms.url(
                "/cgi-bin/webhook/send?key="
                    + URLEncoder.encode(SHORT_KEY, StandardCharsets.UTF_8)),
            null,
            "{}"));
    targets.put(
        "dingtalk",
        target(
            "dingtalk",
            platforms.url("/robot/send?access_token=" + DING_TOKEN),
            DING_SECRET,
            "{}"));
    targets.put(
        "feishu",
        target(
            "feishu", platforms.url("/open-apis/bot/v2/hook/" + FEISHU_HOOK), FEISHU_SECRET, "{}"));
    targets.put(
        "telegram", target("telegram", platforms.url(""), TG_TOKEN, "{\"chat_id\":\"-1001\"}"));
    targets.put(
        "slack",
        target("slack", platforms.url("/services/T0SWEEP01/B0SWEEP02/" + SLACK_TOKEN), null, "{}"));
    targets.put(
        "discord",
        target("discord", platforms.url("/api/webhooks/1122334455/" + DISCORD_TOKEN), null, "{}"));
    // this one's receiver refuses everything, echoing the request: a dead letter
    targets.put(
        "webhook",
        target(
            "webhook",
            platforms.url("/refuse?token=" + WEBHOOK_URL_TOKEN),
            SIGNING,
            "{\"headers\":{\"Authorization\":\"Bearer " + HEADER + "\"}}"));

    List<Long> ids = new ArrayList<>();
    for (var t : targets.entrySet()) {
      HttpResponse<String> created = call(base, "POST", "/api/targets?verify=false", t.getValue());
      assertThat(created.statusCode()).as(t.getKey() + ": " + created.body()).isEqualTo(201);
      ids.add(JsonMapper.builder().build().readTree(created.body()).get("id").asLong());
    }
    call(base, "GET", "/api/targets", null);
    for (long id : ids) {
      call(base, "GET", "/api/targets/" + id, null);
      call(base, "PUT", "/api/targets/" + id, "{\"name\":\"renamed-" + id + "\"}");
      call(base, "POST", "/api/targets/" + id + "/test", null);
    }
    call(
        base,
        "POST",
        "/api/targets?verify=false",
        "{\"name\":\"bad\",\"channel\":\"wecom\",\"url\":\"ftp://x/" + WECOM_KEY + "\"}");

    // deliveries of a breaker alert to every target: six arrive, the webhook's is dead-lettered
    world.bindEveryTargetToBreakerAlerts();
    Thread.sleep(1_000); // bound by SQL: seen once the binding cache has expired
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    String dlt = world.deliveriesTopic() + dev.notifier.base.Topics.DLT_SUFFIX;
    await().atMost(Duration.ofSeconds(60)).until(() -> !world.readAll(dlt).isEmpty());

    // the replay command, listing and publishing
    java.io.StringWriter replayed = new java.io.StringWriter();
    java.io.PrintWriter out = new java.io.PrintWriter(replayed, true);
    String[] common = {
      "replay", "--bootstrap-servers", world.bootstrapServers(), "--topic", world.deliveriesTopic()
    };
    dev.notifier.cli.NotifierCli.run(common, out, out);
    String[] publish = new String[common.length + 1];
    System.arraycopy(common, 0, publish, 0, common.length);
    publish[common.length] = "--publish";
    dev.notifier.cli.NotifierCli.run(publish, out, out);
    await().atMost(Duration.ofSeconds(60)).until(() -> world.readAll(dlt).size() >= 2);

    answers.add(get(base + "/actuator/prometheus", null));
    answers.add(get(base + "/actuator/health", "Bearer " + TOKEN));
    answers.add(get(base + "/actuator/info", null));

    Map<String, String> places = new LinkedHashMap<>();
    places.put("log output", output.getAll());
    places.put("API answers and metrics", String.join("\n", answers));
    places.put("replay command", replayed.toString());
    places.put("tables", tables());
    places.put("topics", topics());
    assertThat(places.get("topics")).as("the sweep read the topics").contains("webhook");
    for (var place : places.entrySet()) {
      for (String secret : SECRETS) {
        for (String form : forms(secret)) {
          assertThat(place.getValue())
              .as("%s holds a secret (%s)", place.getKey(), form)
              .doesNotContain(form);
        }
      }
    }
  }

  private static Reply answer(ChatStandIn.Request r) {
    String path = r.path();
    if (path.startsWith("/refuse")) {
      return Reply.status(401, "unauthorized: " + r.path() + "?" + r.query() + " " + r.headers());
    }
    if (path.startsWith("/cgi-bin")) {
      String key = java.net.URLDecoder.decode(r.query().substring(4), StandardCharsets.UTF_8);
      return key.equals(SHORT_KEY)
          ? Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url, key " + key + "\"}")
          : ChatStandIn.WECOM_OK;
    }
    if (path.startsWith("/robot")) {
      return Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
    if (path.startsWith("/open-apis")) {
      return Reply.json("{\"code\":0,\"data\":{},\"msg\":\"success\"}");
    }
    if (path.startsWith("/bot")) {
      return Reply.json("{\"ok\":true,\"result\":{\"message_id\":1}}");
    }
    if (path.startsWith("/services")) {
      return new Reply(200, "ok", Map.of("Content-Type", "text/html"));
    }
    return new Reply(204, "", Map.of());
  }

  private static List<String> forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    return List.of(
        secret,
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(bytes),
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private static String target(String channel, String url, String secret, String config) {
    return "{\"name\":\"sweep-"
        + channel
        + "-"
        + Math.abs(url.hashCode())
        + "\",\"channel\":\""
        + channel
        + "\",\"url\":\""
        + url
        + "\""
        + (secret == null ? "" : ",\"secret\":\"" + secret + "\"")
        + ",\"config\":"
        + config
        + "}";
  }

  private HttpResponse<String> call(String base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    answers.add(response.headers().map() + "\n" + response.body());
    return response;
  }

  private String get(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Every row of every table as JSON, but the columns that hold sealed secrets. */
  private String tables() {
    StringBuilder out = new StringBuilder();
    List<String> tables =
        world
            .jdbc()
            .sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE'")
            .query(String.class)
            .list();
    assertThat(tables).contains("webhook_targets", "delivery_log", "admin_audit");
    for (String table : tables) {
      String row =
          table.equals("webhook_targets")
              ? "(to_jsonb(t) - 'url' - 'secret')::text"
              : "to_jsonb(t)::text";
      world
          .jdbc()
          .sql("SELECT " + row + " FROM \"" + table + "\" t")
          .query(String.class)
          .list()
          .forEach(r -> out.append(table).append(": ").append(r).append('\n'));
    }
    return out.toString();
  }

  /** Every record on every topic of this world: keys, values and header values. */
  private String topics() throws Exception {
    String prefix = world.eventsTopic().substring(0, world.eventsTopic().indexOf(".notifier."));
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, world.bootstrapServers());
    List<String> topics;
    try (Admin admin = Admin.create(props)) {
      topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
    }
    assertThat(topics).contains(world.deliveriesTopic() + dev.notifier.base.Topics.DLT_SUFFIX);
    StringBuilder out = new StringBuilder();
    for (String topic : topics) {
      for (ConsumerRecord<String, byte[]> r : world.readAll(topic)) {
        out.append(topic).append(' ').append(r.key()).append(' ');
        for (Header h : r.headers()) {
          out.append(h.key()).append('=');
          if (h.value() != null) {
            out.append(new String(h.value(), StandardCharsets.UTF_8));
          }
          out.append(' ');
        }
        out.append(new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.UTF_8))
            .append('\n');
      }
    }
    return out.toString();
  }
}
