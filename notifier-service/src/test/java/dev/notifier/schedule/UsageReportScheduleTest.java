package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import dev.notifier.testing.UsageFeed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage report through the pipeline: usage in over Kafka, the report at its default six-hourly
 * fire, covering the six hours before it, once.
 */
class UsageReportScheduleTest {

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    slack.close();
    wecom.close();
  }

  /**
   * A six o'clock fire on an ordinary day, one at the turn of a year (its period and trend in the
   * old year, the clock in the new), one on a leap day and one ten years out: the service's one
   * clock is set to each, so nothing here depends on the day the suite runs.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-07T06:00:00Z",
        "2028-01-01T00:00:00Z",
        "2028-02-29T06:00:00Z",
        "2036-12-07T06:00:00Z"
      })
  void theReportCoversTheSixHoursBeforeItsFireAndGoesOutOnce(String fire) throws Exception {
    Instant six = Instant.parse(fire);
    world.clock().set(six.minus(Duration.ofMinutes(10)));
    // given usage in the six hours before the fire, and some after
    slack.respond(r -> ChatStandIn.Reply.status(200, "ok"));
    world
        .jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, usage_report_enabled = TRUE,"
                + " time_zone = 'UTC', locale = 'en', usage_report_trend_days = 3")
        .update();
    world.bindTarget("s", "slack", slack.url("/services/T0/B0/x"), "usage_report");
    // and a WeCom bot too, which takes the charts as pictures
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    world.bindTarget("w", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "usage_report");
    ConfigurableApplicationContext instance =
        world.start(Map.of("notifier.schedule.tick", "100ms"));
    List<ProducerRecord<String, byte[]>> usage = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Instant at = six.minus(Duration.ofHours(5 - i % 5)).plus(Duration.ofMinutes(10));
      usage.add(usage("a" + i, 11, "laptop", "claude-sonnet-4", at.toString()));
    }
    for (int i = 0; i < 10; i++) {
      Instant at = six.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(20));
      usage.add(usage("b" + i, 12, "ci-runner", "gpt-4o", at.toString()));
    }
    usage.add(usage("late", 12, "ci-runner", "gpt-4o", six.plus(Duration.ofHours(1)).toString()));
    UsageFeed.publishAndWait(world, usage);

    // when six o'clock comes
    world.clock().set(six.plusSeconds(1));

    // then one report of the 40 requests before it
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);
    world.clock().set(six.plusSeconds(600));
    Thread.sleep(1_500);
    assertThat(slack.accepted()).hasSize(1);
    // the trend's last day is the one the period ends in: the old year's, at midnight
    LocalDate last = six.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    String body = slack.accepted().getFirst().body();
    assertThat(body)
        .contains("Usage report")
        .contains(SHOWN.format(six.minus(Duration.ofHours(6))) + " to " + SHOWN.format(six))
        .contains("*Requests*\\n40")
        .contains("laptop")
        .contains("ci-runner")
        .contains("claude-sonnet-4")
        .contains("75.0% of tokens")
        .contains("Last 3 days")
        .contains(last.minusDays(2).toString());

    // and its charts were drawn from the same roll-ups: 40 requests of 1,000 input tokens, 30 of
    // them on claude by the laptop key at $0.50 each, 10 on gpt-4o by ci-runner
    JsonNode task =
        JsonMapper.builder()
            .build()
            .readTree(world.readAll(world.deliveriesTopic()).getFirst().value());
    JsonNode charts = task.at("/message/charts");
    assertThat(values(charts, "overview")).containsExactly(40_000.0, 0.0, 0.0, 0.0);
    assertThat(values(charts, "models")).containsExactly(30_000.0, 10_000.0);
    assertThat(labels(charts, "models")).containsExactly("claude-sonnet-4", "gpt-4o");
    assertThat(values(charts, "keys")).containsExactly(15.0, 5.0);
    assertThat(labels(charts, "trend"))
        .containsExactly(
            last.minusDays(2).toString(), last.minusDays(1).toString(), last.toString());
    assertThat(values(charts, "trend").subList(0, 2)).containsExactly(0.0, 0.0);
    assertThat(values(charts, "trend").get(2)).isGreaterThanOrEqualTo(40.0);
    // and WeCom got the text and each chart as an image
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 5);
    assertThat(wecom.accepted().subList(1, 5))
        .allSatisfy(r -> assertThat(r.body()).contains("\"msgtype\":\"image\""));
    instance.close();
  }

  private static List<Double> values(JsonNode charts, String name) {
    List<Double> out = new ArrayList<>();
    chart(charts, name).get("values").forEach(v -> out.add(v.asDouble()));
    return out;
  }

  private static List<String> labels(JsonNode charts, String name) {
    List<String> out = new ArrayList<>();
    chart(charts, name).get("labels").forEach(v -> out.add(v.asString()));
    return out;
  }

  private static JsonNode chart(JsonNode charts, String name) {
    for (JsonNode chart : charts) {
      if (chart.get("name").asString().equals(name)) {
        return chart;
      }
    }
    throw new AssertionError("no chart " + name + " in " + charts);
  }

  private ProducerRecord<String, byte[]> usage(
      String id, long key, String keyName, String model, String time) {
    return UsageFeed.event(world, id, 1, "张三", key, keyName, model, 1000, "0.5", time);
  }
}
