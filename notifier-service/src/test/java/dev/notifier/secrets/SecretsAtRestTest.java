package dev.notifier.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.notifier.binding.TargetSecrets;
import dev.notifier.pipeline.Examples;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Migrations;
import dev.notifier.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Target secrets in a real PostgreSQL: sealed when saved through the API, sealed by the upgrade
 * when they were stored plain, opened for delivery, resealed under a new key by the command, and a
 * service without the key that sealed them refuses to start.
 */
class SecretsAtRestTest {

  private static final String URL_KEY = "urlkey-7f3e9a1b2c";
  private static final String HEADER = "hdr-5d4c3b2a1f0e";
  private static final String SIGNING =
      "whsec_" + Base64.getEncoder().encodeToString("signing-key-of-32-bytes-0123456".getBytes());
  private static final String NEW_KEY = SecretCipherTest.newKey();

  /** Each test's own: a new database, or one an older release left (before V8). */
  private TestWorld world;

  private final ChatStandIn receiver = new ChatStandIn();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() {
    if (world != null) {
      world.close();
    }
    receiver.close();
  }

  @Test
  void aTargetSavedThroughTheApiIsStoredSealedAndItsDeliveryCarriesTheSecrets() throws Exception {
    world = new TestWorld();
    ConfigurableApplicationContext notifier =
        world.start(Map.of("notifier.admin.token", "adm-sealed-1a2b"));
    String body =
        """
        {"name":"sealed","channel":"webhook","url":"%s","secret":"%s",
         "config":{"headers":{"Authorization":"Bearer %s"}}}"""
            .formatted(receiver.url("/hook?key=" + URL_KEY), SIGNING, HEADER);
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base(notifier) + "/api/targets?verify=false"))
                .header("Authorization", "Bearer adm-sealed-1a2b")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    Map<String, Object> row = storedRow();
    assertThat(row.values().stream().map(String::valueOf))
        .allSatisfy(v -> assertThat(v).doesNotContain(URL_KEY, HEADER, SIGNING.substring(6)));
    assertThat((String) row.get("url")).startsWith(SecretCipher.PREFIX);
    assertThat((String) row.get("secret")).startsWith(SecretCipher.PREFIX);
    assertThat((String) row.get("header")).startsWith(SecretCipher.PREFIX);

    world.bindEveryTargetToBreakerAlerts();
    // bound by SQL: the service sees it once its binding cache (200 ms here) has expired
    Thread.sleep(1_000);
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);
    ChatStandIn.Request arrived = receiver.accepted().getFirst();
    assertThat(arrived.query()).isEqualTo("key=" + URL_KEY);
    assertThat(arrived.headers().get("Authorization")).containsExactly("Bearer " + HEADER);
    // signed with the secret as it was saved, so the sealed one was opened right
    String signed =
        arrived.headers().get("Webhook-id").getFirst()
            + "."
            + arrived.headers().get("Webhook-timestamp").getFirst()
            + "."
            + arrived.body();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SIGNING.substring(6)), "HmacSHA256"));
    assertThat(arrived.headers().get("Webhook-signature"))
        .containsExactly(
            "v1,"
                + Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void plainSecretsFromBeforeAreSealedByTheUpgradeAndStillDeliver() {
    world = TestWorld.migratedTo("7");
    long id = plainTarget();
    assertThat((String) storedRow().get("url")).contains(URL_KEY);

    world.start();

    Map<String, Object> row = storedRow();
    assertThat((String) row.get("url")).startsWith(SecretCipher.PREFIX).doesNotContain(URL_KEY);
    assertThat((String) row.get("header")).startsWith(SecretCipher.PREFIX);
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);
    assertThat(receiver.accepted().getFirst().query()).isEqualTo("key=" + URL_KEY);
    assertThat(id).isPositive();
  }

  @Test
  void aServiceWithoutTheKeyThatSealedTheSecretsRefusesToStartNamingTheTargets() {
    world = TestWorld.migratedTo("7");
    long id = plainTarget();
    world.start().close(); // the upgrade seals under the test key

    assertThatThrownBy(() -> world.start(Map.of("notifier.secrets.key", NEW_KEY)))
        .rootCause()
        .hasMessageContaining("targets [" + id + "]")
        .hasMessageContaining("notifier.secrets.old-keys");
    assertThatThrownBy(() -> world.start(Map.of("notifier.secrets.key", "")))
        .rootCause()
        .hasMessageContaining("not configured");
  }

  @Test
  void aRotationReadsOldValuesThenTheCommandResealsThemUnderTheNewKey() {
    world = TestWorld.migratedTo("7");
    plainTarget();
    // the upgrade, as the service runs it, under the tests' key (no instance left in the group)
    Migrations.migrate(world.database());
    String before = (String) storedRow().get("url");

    // the new key is current, the old one still configured: the service starts and delivers
    world.start(
        Map.of("notifier.secrets.key", NEW_KEY, "notifier.secrets.old-keys", TestWorld.SECRET_KEY));
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);

    Map<String, String> env = new HashMap<>();
    env.put("NOTIFIER_JDBC_URL", world.database().url());
    env.put("NOTIFIER_JDBC_USER", world.database().user() == null ? "" : world.database().user());
    env.put(
        "NOTIFIER_JDBC_PASSWORD",
        world.database().password() == null ? "" : world.database().password());
    env.put("NOTIFIER_SECRET_KEY", NEW_KEY);
    env.put("NOTIFIER_SECRET_OLD_KEYS", TestWorld.SECRET_KEY);
    java.io.StringWriter out = new java.io.StringWriter();
    int exit =
        ResealCommand.run(
            env,
            new java.io.PrintWriter(out, true),
            (c, k) -> TargetSecrets.resealAll(c, k, JsonMapper.builder().build()));

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("1 targets resealed");
    String after = (String) storedRow().get("url");
    assertThat(after).startsWith(SecretCipher.PREFIX).isNotEqualTo(before);
    assertThat(SecretCipher.of(NEW_KEY).canOpen(after)).isTrue();
    // the old key can go; a service with only the old key no longer opens them
    world.start(Map.of("notifier.secrets.key", NEW_KEY)).close();
    assertThatThrownBy(() -> world.start(Map.of("notifier.secrets.key", TestWorld.SECRET_KEY)))
        .rootCause()
        .hasMessageContaining("not configured");
  }

  /** A webhook target stored as before encryption: URL key and header in plain text. */
  private long plainTarget() {
    long id =
        world.bindTarget(
            "plain", "webhook", receiver.url("/hook?key=" + URL_KEY), "circuit_breaker");
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET config = CAST(:c AS jsonb) WHERE id = :id")
        .param("c", "{\"headers\":{\"Authorization\":\"Bearer " + HEADER + "\"}}")
        .param("id", id)
        .update();
    return id;
  }

  private Map<String, Object> storedRow() {
    return world
        .jdbc()
        .sql(
            "SELECT url, secret, config::text AS config, config->'headers'->>'Authorization' AS header"
                + " FROM webhook_targets")
        .query()
        .singleRow();
  }

  private static String base(ConfigurableApplicationContext notifier) {
    return "http://127.0.0.1:" + notifier.getEnvironment().getProperty("local.server.port");
  }
}
