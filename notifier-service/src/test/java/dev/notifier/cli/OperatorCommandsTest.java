package dev.notifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.AdminClient;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code notifier test-target} and {@code notifier check-config} against a running notifier (real
 * broker, database and a Slack stand-in): a saved target and an unsaved URL are tried through the
 * service's own sender; a configuration row written with SQL that the API would refuse is found;
 * wrong arguments, a refused token and no service at all each have their exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCommandsTest {

  private static final String TOKEN = "adm-cli-7e1f";
  private static final String READER = "read-cli-3b9d";

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private StringWriter out;
  private StringWriter err;
  private String api;
  private long target;
  private long binding;
  private ConfigurableApplicationContext notifier;

  @BeforeAll
  void start() {
    slack.respond(r -> refusing.get() ? Reply.status(404, "no_service") : Reply.status(200, "ok"));
    target = world.bindTarget("ops", "slack", slack.url("/services/T/B/cli"), "circuit_breaker");
    binding =
        world
            .jdbc()
            .sql("SELECT id FROM notification_bindings WHERE target_id = :t")
            .param("t", target)
            .query(Long.class)
            .single();
    notifier =
        world.start(Map.of("notifier.admin.token", TOKEN, "notifier.admin.read-tokens", READER));
    api = "http://127.0.0.1:" + notifier.getEnvironment().getProperty("local.server.port");
  }

  @BeforeEach
  void fresh() {
    out = new StringWriter();
    err = new StringWriter();
    slack.clear();
    refusing.set(false);
  }

  @AfterAll
  void stop() {
    world.close();
    slack.close();
  }

  @Test
  void aSavedTargetIsTriedThroughTheServicesSender() {
    assertThat(run("test-target", String.valueOf(target))).as(err.toString()).isZero();
    assertThat(out.toString()).contains("delivered in");
    assertThat(slack.accepted()).hasSize(1);

    assertThat(run("test-target", String.valueOf(target), "--type", "cost_alert")).isZero();
    assertThat(slack.accepted().getLast().body()).contains("张三");

    refusing.set(true);
    assertThat(run("test-target", String.valueOf(target))).isEqualTo(1);
    assertThat(out.toString()).contains("failed in", "no_service");

    assertThat(run("test-target", "424242")).isEqualTo(1);
  }

  @Test
  void anUnsavedUrlIsTriedBeforeSavingIt() {
    assertThat(run("test-target", "--url", slack.url("/services/T/B/new"), "--channel", "slack"))
        .as(err.toString())
        .isZero();
    assertThat(slack.accepted()).hasSize(1);
    assertThat(slack.accepted().getFirst().path()).isEqualTo("/services/T/B/new");

    assertThat(run("test-target", "--url", "ftp://127.0.0.1/x", "--channel", "slack")).isEqualTo(1);
    assertThat(err.toString()).contains("url");
  }

  @Test
  void wrongArgumentsARefusedTokenAndNoServiceHaveTheirExitCodes() {
    assertThat(run("test-target")).isEqualTo(2);
    assertThat(run("test-target", String.valueOf(target), "--url", "http://127.0.0.1:9/"))
        .isEqualTo(2);
    assertThat(run("test-target", "--url", "http://127.0.0.1:9/")).isEqualTo(2);
    assertThat(err.toString()).contains("--url needs --channel");
    assertThat(run("test-target", "seven")).isEqualTo(2);
    assertThat(
            run(
                "test-target",
                "--url",
                "http://127.0.0.1:9/",
                "--channel",
                "webhook",
                "--secret-env",
                "NO_SUCH_VARIABLE_7F3A"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no NO_SUCH_VARIABLE_7F3A");

    assertThat(runAs("wrong-token", api, "check-config")).isEqualTo(3);
    assertThat(err.toString()).contains("refused the token");
    assertThat(runAs(TOKEN, "http://127.0.0.1:9", "check-config")).isEqualTo(3);
    assertThat(err.toString()).contains("no notifier answers");
    assertThat(slack.all()).isEmpty();
  }

  @Test
  void checkConfigShowsTheRoutesAndFindsWhatSqlWroteWrong() {
    assertThat(run("check-config")).as(out.toString() + err).isZero();
    assertThat(out.toString())
        .contains("circuit_breaker", "→ ops (slack)", "no problems")
        .contains("daily_leaderboard", "switched off");

    world
        .jdbc()
        .sql(
            "UPDATE notification_bindings SET filters = '{\"models\": [\"gpt-4o\"]}',"
                + " mentions = '{\"users\": [\"<!channel>\"]}' WHERE id = :id")
        .param("id", binding)
        .update();

    world
        .jdbc()
        .sql("UPDATE notification_settings SET legacy_cost_alert_url = 'http://10.0.0.1/hook'")
        .update();

    assertThat(run("check-config")).isEqualTo(1);
    assertThat(out.toString())
        .contains("3 problems:")
        .contains("settings: legacy_cost_alert_url")
        .contains("binding " + binding + " (circuit_breaker → ops): filters.models")
        .contains("mentions.users");

    world
        .jdbc()
        .sql("UPDATE notification_bindings SET filters = NULL, mentions = NULL WHERE id = :id")
        .param("id", binding)
        .update();
    world.jdbc().sql("UPDATE notification_settings SET legacy_cost_alert_url = NULL").update();
    out = new StringWriter();
    await().atMost(Duration.ofSeconds(10)).until(() -> run("check-config") == 0);
  }

  @Test
  void theCheckIsReadableWithAReadTokenAndNotWithout() throws Exception {
    var withoutToken = new AdminClient(notifier, null).call("GET", "/api/config/check", null);
    var reader = new AdminClient(notifier, READER).call("GET", "/api/config/check", null);

    assertThat(withoutToken.statusCode()).isEqualTo(401);
    assertThat(reader.statusCode()).isEqualTo(200);
    assertThat(reader.body()).contains("\"ok\":true", "\"notification_type\":\"circuit_breaker\"");
    // a read token may look but not send
    assertThat(
            new AdminClient(notifier, READER)
                .call("POST", "/api/targets/" + target + "/test", null)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void helpSaysWhatEachTakesAndItsExitCodes() {
    assertThat(run("test-target", "--help")).isZero();
    assertThat(run("check-config", "--help")).isZero();
    assertThat(out.toString()).contains("--url", "--channel", "--api", "--token", "Exit codes:");
  }

  private int run(String... args) {
    return runAs(TOKEN, api, args);
  }

  private int runAs(String token, String base, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--help")) {
      all.add("--api=" + base);
      all.add("--token=" + token);
    }
    return NotifierCli.run(
        all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
