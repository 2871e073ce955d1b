package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.binding.Bindings;
import dev.notifier.message.NotificationType;
import dev.notifier.testing.AdminClient;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The settings API on a running notifier with a real PostgreSQL: read, change what is sent and
 * nothing else, every field checked against its range with a problem naming it, secrets masked, and
 * the change seen by a second instance within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsApiTest {

  private static final String TOKEN = "adm-settings-5e1f";
  private static final String READER = "read-settings-9a2c";
  private static final String KEY = "f00dfeed-legacy-wecom-key";

  private final TestWorld world = new TestWorld();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;
  private ConfigurableApplicationContext other;
  private AdminClient admin;

  @BeforeAll
  void start() {
    Map<String, Object> props =
        Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER);
    notifier = world.start(props);
    other = world.start(props);
    admin = new AdminClient(notifier, TOKEN);
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  @Order(1)
  void theSettingsReadAsStoredWithTheirDefaults() throws Exception {
    HttpResponse<String> got = admin.call("GET", "/api/settings", null);

    assertThat(got.statusCode()).isEqualTo(200);
    JsonNode s = json.readTree(got.body());
    assertThat(s.get("cost_check_interval_minutes").asInt()).isEqualTo(60);
    assertThat(s.get("leaderboard_top_n").asInt()).isEqualTo(5);
    assertThat(s.get("cache_hit_floor").decimalValue()).isEqualByComparingTo("0.05");
    assertThat(s.get("cost_alert_levels").toString()).isEqualTo("[0.9,1]");
    for (NotificationType type : NotificationType.values()) {
      assertThat(s.has(type.wireName() + "_enabled")).as(type.wireName()).isTrue();
    }
  }

  @Test
  void aChangeWritesWhatWasSentIsSeenByAnotherInstanceAndIsAudited() throws Exception {
    HttpResponse<String> put =
        admin.call(
            "PUT",
            "/api/settings",
            """
            {"enabled": true, "cache_hit_alert_enabled": true, "leaderboard_top_n": 12,
             "time_zone": "Europe/Berlin", "cost_alert_levels": [0.95, 1.2],
             "legacy_usage_report_url": "http://127.0.0.1:8443/cgi-bin/webhook/send?key=%s"}"""
                .formatted(KEY));

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode s = json.readTree(put.body());
    assertThat(s.get("leaderboard_top_n").asInt()).isEqualTo(12);
    assertThat(s.get("cost_alert_levels").toString()).isEqualTo("[0.95,1.2]");
    // untouched fields keep their values; the URL's key is never shown back
    assertThat(s.get("cost_check_interval_minutes").asInt()).isEqualTo(60);
    assertThat(put.body()).doesNotContain(KEY);
    // (a loopback URL: saving resolves the host for the SSRF check, and tests ask no other)
    assertThat(s.get("legacy_usage_report_url").asString()).contains("127.0.0.1");
    // the other instance sees it within its binding cache's TTL
    Bindings seen = other.getBean(Bindings.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.settings().leaderboardTopN() == 12);
    assertThat(seen.settings().enabledTypes()).contains(NotificationType.CACHE_HIT_ALERT);
    assertThat(seen.settings().timeZone()).isEqualTo("Europe/Berlin");
    String audited =
        world
            .jdbc()
            .sql(
                "SELECT changed::text FROM admin_audit WHERE action = 'settings.update'"
                    + " ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .single();
    assertThat(audited)
        .contains("leaderboard_top_n", "legacy_usage_report_url")
        .doesNotContain(KEY);
    // UTC is a tz database name too
    assertThat(admin.call("PUT", "/api/settings", "{\"time_zone\": \"UTC\"}").statusCode())
        .isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "enabled|1|expected true or false",
        "cost_alert_threshold|0.4|must be from 0.5 to 1",
        "cost_alert_threshold|\"0.8\"|expected a number from 0.5 to 1",
        "cost_check_interval_minutes|5|must be from 10 to 1440",
        "cost_check_interval_minutes|60.5|expected a whole number from 10 to 1440",
        "leaderboard_time|\"9:00\"|expected a time as HH:mm",
        "leaderboard_top_n|21|must be from 1 to 20",
        "leaderboard_window|\"weekly\"|expected one of previous_day, rolling_24h",
        "time_zone|\"Mars/Olympus\"|expected an IANA time zone",
        "time_zone|\"GMT+8\"|expected an IANA time zone",
        "locale|\"fr\"|expected one of en, zh-CN",
        "usage_report_top_keys|0|must be from 1 to 50",
        "usage_report_trend_days|91|must be from 1 to 90",
        "cost_alert_levels|[1.0, 0.9]|levels must rise",
        "cost_alert_levels|[11]|each level must be over 0.5 and up to 10",
        "cache_hit_floor|1.5|must be from 0 to 1",
        "cache_hit_drop_relative|0|must be over 0 and up to 1",
        "cache_hit_ttl_seconds|30|must be from 60 to 86400",
        "cache_hit_window_minutes|2000|must be from 5 to 1440",
        "cache_hit_max_rows|51|must be from 1 to 50",
        "legacy_cost_alert_url|\"ftp://x\"|expected an http:// or https:// URL, or null",
        "legacy_cost_alert_url|\"https://h/******\"|send the whole URL",
        "legacy_cost_alert_url|\"http://10.0.0.7/hook\"|private",
        "legacy_cost_alert_url|\"http://169.254.169.254/latest\"|cloud metadata",
        "nonsense|1|unknown field"
      })
  void aBadValueIsRefusedNamingTheFieldAndNothingIsWritten(
      String field, String value, String message) throws Exception {
    String before = admin.call("GET", "/api/settings", null).body();

    HttpResponse<String> put =
        admin.call(
            "PUT", "/api/settings", "{\"leaderboard_top_n\": 7, \"" + field + "\": " + value + "}");

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problems = json.readTree(put.body()).get("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).get("field").asString()).isEqualTo(field);
    assertThat(problems.get(0).get("message").asString()).contains(message);
    assertThat(withoutTime(admin.call("GET", "/api/settings", null).body()))
        .isEqualTo(withoutTime(before));
  }

  @Test
  void levelsMustStayAboveTheThresholdWhicheverOfThemChanges() throws Exception {
    HttpResponse<String> put =
        admin.call("PUT", "/api/settings", "{\"cost_alert_threshold\": 0.95}");

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("cost_alert_levels", "above cost_alert_threshold");
  }

  @Test
  void everyProblemIsToldAtOnce() throws Exception {
    HttpResponse<String> put =
        admin.call("PATCH", "/api/settings", "{\"leaderboard_top_n\": 0, \"locale\": \"fr\"}");

    assertThat(put.statusCode()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json.readTree(put.body()).get("problems").forEach(p -> fields.add(p.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("leaderboard_top_n", "locale");
  }

  @Test
  void anEmptyChangeOrOneThatIsNotAnObjectIsRefused() throws Exception {
    assertThat(admin.call("PUT", "/api/settings", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> list = admin.call("PUT", "/api/settings", "[1]");
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(list.body()).contains("body");
  }

  @Test
  void withoutATokenItIs401AndAReadTokenMayNotChangeIt() throws Exception {
    assertThat(new AdminClient(notifier, null).call("GET", "/api/settings", null).statusCode())
        .isEqualTo(401);
    AdminClient reader = new AdminClient(notifier, READER);
    assertThat(reader.call("GET", "/api/settings", null).statusCode()).isEqualTo(200);
    assertThat(reader.call("PUT", "/api/settings", "{\"enabled\": true}").statusCode())
        .isEqualTo(403);
  }

  private static String withoutTime(String body) {
    return body.replaceAll("\"updated_at\":\"[^\"]*\"", "");
  }
}
