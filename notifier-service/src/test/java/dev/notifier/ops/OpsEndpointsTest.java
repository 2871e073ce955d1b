package dev.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What ops scrape and probe, on a freshly started instance. */
class OpsEndpointsTest {

  private final TestWorld world = new TestWorld();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void everySeriesExistsAtZeroFromStartUp() throws Exception {
    // given
    ConfigurableApplicationContext instance = world.start();

    // when
    String metrics = get(instance, "/actuator/prometheus");

    // then
    assertThat(metrics)
        .contains(
            "notifier_events_total{outcome=\"accepted\",type=\"llmproxy.circuit_breaker.opened.v1\"} 0.0")
        .contains("notifier_events_total{outcome=\"invalid\",type=\"unknown\"} 0.0")
        .contains(
            "notifier_events_total{outcome=\"suppressed\",type=\"llmproxy.circuit_breaker.opened.v1\"} 0.0")
        .contains(
            "notifier_events_total{outcome=\"filtered\",type=\"llmproxy.cost.snapshot.v1\"} 0.0")
        .contains(
            "notifier_deliveries_total{channel=\"wecom\",outcome=\"delivered\",reason=\"none\"} 0.0")
        .contains(
            "notifier_deliveries_total{channel=\"wecom\",outcome=\"dead_lettered\",reason=\"rate_limited\"} 0.0")
        .contains(
            "notifier_deliveries_total{channel=\"log\",outcome=\"skipped\",reason=\"already_delivered\"} 0.0")
        .contains(
            "notifier_delivery_attempts_total{channel=\"wecom\",outcome=\"failed\",reason=\"timeout\"} 0.0")
        .contains("notifier_deliveries_held_total{channel=\"wecom\",reason=\"lane_busy\"} 0.0")
        .contains("notifier_digests_total{channel=\"dingtalk\"} 0.0")
        .contains("notifier_held_deliveries{channel=\"feishu\"} 0.0")
        .contains("notifier_delivery_latency_seconds_bucket{channel=\"wecom\"")
        .contains("notifier_notification_latency_seconds_bucket{channel=\"telegram\"")
        .contains("notifier_delivery_retries_total{channel=\"wecom\",reason=\"server_error\"} 0.0")
        .contains("notifier_retrying_record_age_seconds{consumer=\"ingest\"} 0.0")
        .contains(
            "notifier_dlt_records_total{channel=\"none\",reason=\"schema_violation\",topic=\"events_dlt\"} 0.0")
        .contains(
            "notifier_dlt_records_total{channel=\"slack\",reason=\"auth_error\",topic=\"deliveries_dlt\"} 0.0");
    // consumer lag comes from the Kafka clients once their consumers are assigned
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(instance, "/actuator/prometheus")
                    .contains("kafka_consumer_fetch_manager_records_lag"));
    // looked after by one shared thread, not one per client
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("micrometer-kafka-metrics"))
        .anyMatch(name -> name.startsWith("kafka-metrics-"));
    // once both consumers have fetched records, which adds Kafka's per-topic series
    world.bindTarget("console", "log", null, "circuit_breaker");
    world.publishEvent("provider:1", dev.notifier.pipeline.Examples.read("circuit-breaker-opened"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(instance, "/actuator/prometheus")
                    .contains(
                        "notifier_deliveries_total{channel=\"log\",outcome=\"delivered\",reason=\"none\"} 1.0"));
    String scraped = get(instance, "/actuator/prometheus");
    // every series explains itself
    List<String> families =
        scraped.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
    List<String> unexplained =
        families.stream()
            .filter(
                f ->
                    scraped
                        .lines()
                        .noneMatch(
                            l -> l.startsWith("# HELP " + f + " ") && l.length() > 9 + f.length()))
            .toList();
    assertThat(unexplained).as("series without HELP text").isEmpty();
    // and no topic appears under two spellings (Kafka writes some topic tags with _ for .)
    assertThat(scraped)
        .as("topic tags")
        .doesNotContain("topic=\"" + world.deliveriesTopic().replace('.', '_') + "\"")
        .doesNotContain("topic=\"" + world.eventsTopic().replace('.', '_') + "\"");
  }

  @Test
  void healthReportsKafkaAndPostgresInDetailOnlyToACallerWithAnAdminToken() throws Exception {
    // given
    ConfigurableApplicationContext instance =
        world.start(
            Map.of(
                "notifier.admin.token",
                "ops-adm-1f2e",
                "notifier.admin.read-tokens",
                "ops-ro-9a8b"));
    JsonMapper json = JsonMapper.builder().build();

    // when
    JsonNode anyone = json.readTree(get(instance, "/actuator/health"));
    JsonNode wrong = json.readTree(get(instance, "/actuator/health", "Bearer ops-adm-1f2"));
    JsonNode operator = json.readTree(get(instance, "/actuator/health", "Bearer ops-adm-1f2e"));
    JsonNode viewer = json.readTree(get(instance, "/actuator/health", "Bearer ops-ro-9a8b"));

    // then
    assertThat(anyone.get("status").asString()).isEqualTo("UP");
    assertThat(anyone.has("components")).as(anyone.toString()).isFalse();
    assertThat(wrong.has("components")).as(wrong.toString()).isFalse();
    for (JsonNode health : List.of(operator, viewer)) {
      assertThat(health.get("status").asString()).isEqualTo("UP");
      assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
      assertThat(health.at("/components/kafka/details/brokers").asInt()).isPositive();
      assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
      assertThat(health.at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
    }
  }

  private String get(ConfigurableApplicationContext instance, String path) throws Exception {
    return get(instance, path, null);
  }

  private String get(
      ConfigurableApplicationContext instance, String path, @Nullable String authorization)
      throws Exception {
    String port = instance.getEnvironment().getProperty("local.server.port");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
