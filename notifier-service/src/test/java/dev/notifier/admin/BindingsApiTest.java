package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.binding.Bindings;
import dev.notifier.message.NotificationType;
import dev.notifier.testing.AdminClient;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bindings API on a running notifier: create, read, change, delete; one binding per type and
 * target; a scheduled type's cron and zone checked on save; changes seen by a second instance
 * within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindingsApiTest {

  private static final String TOKEN = "adm-bindings-2b7d";
  private static final String READER = "read-bindings-4c1a";

  private final TestWorld world = new TestWorld();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;
  private ConfigurableApplicationContext other;
  private AdminClient admin;
  private long target;

  @BeforeAll
  void start() {
    Map<String, Object> props =
        Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER);
    target =
        world
            .jdbc()
            .sql(
                "INSERT INTO webhook_targets (name, channel, url)"
                    + " VALUES ('ops', 'slack', 'http://127.0.0.1:9/x') RETURNING id")
            .query(Long.class)
            .single();
    world
        .jdbc()
        .sql("UPDATE notification_settings SET enabled = TRUE, daily_leaderboard_enabled = TRUE")
        .update();
    notifier = world.start(props);
    other = world.start(props);
    admin = new AdminClient(notifier, TOKEN);
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void aBindingIsCreatedReadChangedAndDeletedAndEveryInstanceSeesIt() throws Exception {
    // create
    HttpResponse<String> created =
        admin.call(
            "POST",
            "/api/bindings",
            """
            {"notification_type": "daily_leaderboard", "target_id": %d,
             "schedule_cron": "0 30 8 * * MON-FRI", "schedule_timezone": "Asia/Tokyo"}"""
                .formatted(target));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode binding = json.readTree(created.body());
    long id = binding.get("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/bindings/" + id);
    assertThat(binding.get("target_name").asString()).isEqualTo("ops");
    assertThat(binding.get("enabled").asBoolean()).isTrue();
    Bindings seen = other.getBean(Bindings.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> seen.bound(NotificationType.DAILY_LEADERBOARD).size() == 1);
    assertThat(seen.bound(NotificationType.DAILY_LEADERBOARD).getFirst().scheduleTimezone())
        .isEqualTo("Asia/Tokyo");

    // read, listed and alone
    assertThat(json.readTree(admin.call("GET", "/api/bindings/" + id, null).body()))
        .isEqualTo(binding);
    JsonNode listed =
        json.readTree(
            admin.call("GET", "/api/bindings?notification_type=daily_leaderboard", null).body());
    assertThat(listed).hasSize(1);

    // change: off, and back to the settings' time
    HttpResponse<String> changed =
        admin.call(
            "PUT",
            "/api/bindings/" + id,
            "{\"enabled\": false, \"schedule_cron\": null, \"schedule_timezone\": null}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(json.readTree(changed.body()).get("schedule_cron").isNull()).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !seen.bound(NotificationType.DAILY_LEADERBOARD).getFirst().enabled());

    // delete
    assertThat(admin.call("DELETE", "/api/bindings/" + id, null).statusCode()).isEqualTo(204);
    assertThat(admin.call("GET", "/api/bindings/" + id, null).statusCode()).isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> seen.bound(NotificationType.DAILY_LEADERBOARD).isEmpty());
    assertThat(
            world
                .jdbc()
                .sql("SELECT string_agg(action, ',' ORDER BY id) FROM admin_audit")
                .query(String.class)
                .single())
        .contains("binding.create,binding.update,binding.delete");
    // the update's audit names the fields it sent, and only those
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT changed::text FROM admin_audit WHERE action = 'binding.update'"
                        + " AND target_id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("[\"enabled\", \"schedule_cron\", \"schedule_timezone\"]");
  }

  @Test
  void aSecondBindingOfTheSameTypeAndTargetIsAConflict() throws Exception {
    String body = "{\"notification_type\": \"cost_alert\", \"target_id\": " + target + "}";
    assertThat(admin.call("POST", "/api/bindings", body).statusCode()).isEqualTo(201);

    HttpResponse<String> again = admin.call("POST", "/api/bindings", body);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("target_id", "already bound to cost_alert");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "notification_type|{\"notification_type\": \"weekly\", \"target_id\": T}|expected one of",
        "notification_type|{\"target_id\": T}|required",
        "target_id|{\"notification_type\": \"usage_report\"}|required",
        "target_id|{\"notification_type\": \"usage_report\", \"target_id\": 999999}|no such target",
        "target_id|{\"notification_type\": \"usage_report\", \"target_id\": \"T\"}|expected a whole number",
        "target_id|{\"notification_type\": \"usage_report\", \"target_id\": 1.5}|expected a whole number",
        "target_id|{\"notification_type\": \"usage_report\", \"target_id\": null}|expected a target's id",
        "enabled|{\"notification_type\": \"usage_report\", \"target_id\": T, \"enabled\": null}|expected true or false",
        "enabled|{\"notification_type\": \"usage_report\", \"target_id\": T, \"enabled\": \"yes\"}|expected true or false",
        "schedule_cron|{\"notification_type\": \"usage_report\", \"target_id\": T, \"schedule_cron\": \"every day\"}|expected six fields",
        "schedule_cron|{\"notification_type\": \"usage_report\", \"target_id\": T, \"schedule_cron\": \"* * * * * *\"}|more than once a minute",
        "schedule_cron|{\"notification_type\": \"usage_report\", \"target_id\": T, \"schedule_cron\": \"0 0 0 30 2 *\"}|never fires",
        "schedule_cron|{\"notification_type\": \"circuit_breaker\", \"target_id\": T, \"schedule_cron\": \"0 0 9 * * *\"}|not on a schedule",
        "schedule_timezone|{\"notification_type\": \"usage_report\", \"target_id\": T, \"schedule_timezone\": \"Mars/Olympus\"}|IANA time zone",
        "colour|{\"notification_type\": \"usage_report\", \"target_id\": T, \"colour\": \"red\"}|unknown field",
        "filters.providers|{\"notification_type\": \"usage_report\", \"target_id\": T, \"filters\": {\"providers\": [\"1\"]}}|carry no providers",
        "filters.min_level|{\"notification_type\": \"usage_report\", \"target_id\": T, \"filters\": {\"min_level\": 3}}|expected info, warning or error",
        "mute.windows[0].from|{\"notification_type\": \"usage_report\", \"target_id\": T, \"mute\": {\"windows\": [{\"from\": \"9\", \"to\": \"10:00\"}]}}|expected a time",
        "mute.action|{\"notification_type\": \"usage_report\", \"target_id\": T, \"mute\": {\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\"}], \"action\": \"later\"}}|digest or drop",
        "mentions.everyone|{\"notification_type\": \"usage_report\", \"target_id\": T, \"mentions\": {\"everyone\": true}}|unknown; expected",
        "mentions.users|{\"notification_type\": \"usage_report\", \"target_id\": T, \"mentions\": {\"users\": [\"<!channel>\"]}}|expected a list",
        "mentions|{\"notification_type\": \"usage_report\", \"target_id\": T, \"mentions\": [\"U1\"]}|expected an object",
        "backup_target_id|{\"notification_type\": \"usage_report\", \"target_id\": T, \"backup_target_id\": T}|another target",
        "backup_target_id|{\"notification_type\": \"usage_report\", \"target_id\": T, \"backup_target_id\": 999999}|no such target",
        "backup_target_id|{\"notification_type\": \"usage_report\", \"target_id\": T, \"backup_target_id\": \"x\"}|expected a whole number",
        "template_override|{\"notification_type\": \"usage_report\", \"target_id\": T, \"template_override\": {\"a\": \"b\"}}|take no template",
        "locale|{\"notification_type\": \"usage_report\", \"target_id\": T, \"locale\": \"fr\"}|expected zh-CN, en"
      })
  void aBadBindingIsRefusedNamingTheField(String field, String body, String message)
      throws Exception {
    HttpResponse<String> refused =
        admin.call("POST", "/api/bindings", body.replace("T", String.valueOf(target)));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode problems = json.readTree(refused.body()).get("problems");
    assertThat(problems.get(0).get("field").asString()).isEqualTo(field);
    assertThat(problems.get(0).get("message").asString()).contains(message);
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT count(*) FROM notification_bindings WHERE notification_type = 'usage_report'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void routingRulesAreSavedReadBackAndCleared() throws Exception {
    long backup =
        world
            .jdbc()
            .sql(
                "INSERT INTO webhook_targets (name, channel, url)"
                    + " VALUES ('backup', 'slack', 'http://127.0.0.1:9/y') RETURNING id")
            .query(Long.class)
            .single();
    String rules =
        """
        {"notification_type": "circuit_breaker", "target_id": %d,
         "filters": {"providers": ["3", "OpenAI"], "min_level": "warning", "keywords": ["prod"]},
         "mute": {"windows": [{"days": ["sat", "sun"], "from": "00:00", "to": "24:00"}],
                  "zone": "Asia/Shanghai", "action": "drop"},
         "mentions": {"users": ["U024BE7LH"], "groups": ["SAZ94GDB8"]},
         "backup_target_id": %d, "locale": "en"}"""
            .formatted(target, backup);

    HttpResponse<String> created = admin.call("POST", "/api/bindings", rules);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode sent = json.readTree(rules);
    JsonNode saved = json.readTree(created.body());
    for (String field :
        new String[] {"filters", "mute", "mentions", "backup_target_id", "locale"}) {
      assertThat(saved.get(field)).as(field).isEqualTo(sent.get(field));
    }
    long id = saved.get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                other
                    .getBean(Bindings.class)
                    .binding(NotificationType.CIRCUIT_BREAKER, target)
                    .map(b -> b.mute() != null && b.backupTargetId() == backup)
                    .orElse(false));

    HttpResponse<String> cleared =
        admin.call(
            "PUT",
            "/api/bindings/" + id,
            "{\"filters\": {}, \"mute\": null, \"mentions\": null, \"backup_target_id\": null}");

    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    JsonNode now = json.readTree(cleared.body());
    assertThat(now.get("filters").isNull()).isTrue();
    assertThat(now.get("mute").isNull()).isTrue();
    assertThat(now.get("backup_target_id").isNull()).isTrue();
    // what the update left out is kept
    assertThat(now.get("locale").asString()).isEqualTo("en");
    assertThat(now.get("enabled").asBoolean()).isTrue();
    assertThat(admin.call("DELETE", "/api/bindings/" + id, null).statusCode()).isEqualTo(204);
  }

  @Test
  void aWebhookBindingsTemplateIsCheckedByRenderingItsTypesSample() throws Exception {
    long hook =
        world
            .jdbc()
            .sql(
                "INSERT INTO webhook_targets (name, channel, url)"
                    + " VALUES ('hook', 'webhook', 'http://127.0.0.1:9/h') RETURNING id")
            .query(Long.class)
            .single();
    String bad =
        "{\"notification_type\": \"cost_alert\", \"target_id\": %d, \"template_override\":"
            + " {\"x\": \"{{#target_name}}never closed\"}}";

    HttpResponse<String> refused = admin.call("POST", "/api/bindings", bad.formatted(hook));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode problem = json.readTree(refused.body()).get("problems").get(0);
    assertThat(problem.get("field").asString()).isEqualTo("template_override");
    assertThat(problem.get("message").asString()).contains("cannot be read");

    String good =
        "{\"notification_type\": \"cost_alert\", \"target_id\": %d, \"template_override\":"
            + " {\"who\": \"{{target_name}}\", \"pct\": \"{{usage_percent}}\"}}";
    HttpResponse<String> saved = admin.call("POST", "/api/bindings", good.formatted(hook));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    assertThat(json.readTree(saved.body()).at("/template_override/who").asString())
        .isEqualTo("{{target_name}}");
  }

  @Test
  void typeAndTargetCannotBeChangedInPlace() throws Exception {
    long id =
        json.readTree(
                admin
                    .call(
                        "POST",
                        "/api/bindings",
                        "{\"notification_type\": \"cache_hit_alert\", \"target_id\": "
                            + target
                            + "}")
                    .body())
            .get("id")
            .asLong();

    HttpResponse<String> moved =
        admin.call("PUT", "/api/bindings/" + id, "{\"notification_type\": \"cost_alert\"}");

    assertThat(moved.statusCode()).isEqualTo(400);
    assertThat(moved.body()).contains("notification_type", "cannot change");
    assertThat(admin.call("PUT", "/api/bindings/424242", "{\"enabled\": false}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void withoutATokenItIs401AndAReadTokenMayNotChangeIt() throws Exception {
    assertThat(new AdminClient(notifier, null).call("GET", "/api/bindings", null).statusCode())
        .isEqualTo(401);
    AdminClient reader = new AdminClient(notifier, READER);
    assertThat(reader.call("GET", "/api/bindings", null).statusCode()).isEqualTo(200);
    assertThat(
            reader
                .call(
                    "POST",
                    "/api/bindings",
                    "{\"notification_type\": \"cost_alert\", \"target_id\": " + target + "}")
                .statusCode())
        .isEqualTo(403);
    assertThat(reader.call("DELETE", "/api/bindings/1", null).statusCode()).isEqualTo(403);
  }
}
