package dev.notifier.cachehit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.message.CacheHitMessages.Row;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import dev.notifier.testing.UsageFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cache-hit-rate alert through the pipeline: usage events with sessions in over Kafka, the
 * check run at chosen times, the alert counted at a Slack stand-in.
 */
class CacheHitAlertTest {

  private static final Instant TEN = Instant.parse("2026-12-06T10:00:00Z");

  private final TestWorld world = new TestWorld();
  private final ChatStandIn slack = new ChatStandIn();
  private final List<ProducerRecord<String, byte[]>> usage = new ArrayList<>();
  private int sessions;

  @BeforeEach
  void setUp() {
    slack.respond(r -> ChatStandIn.Reply.status(200, "ok"));
    world
        .jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, cache_hit_alert_enabled = TRUE,"
                + " time_zone = 'UTC', locale = 'en'")
        .update();
    world.bindTarget("s", "slack", slack.url("/services/T0/B0/x"), "cache_hit_alert");
  }

  @AfterEach
  void tearDown() {
    world.close();
    slack.close();
  }

  @Test
  void aDropAlertsOnceThenTheCooldownHoldsAndARecoveryStaysQuiet() throws Exception {
    // given a week where claude hit 90 %, and the last hour where it hit 10 %
    sessions("claude", 30, TEN.minus(Duration.ofHours(20)), 900);
    sessions("claude", 30, TEN.minus(Duration.ofMinutes(30)), 100);
    // and a model with too few requests that hit nothing at all
    sessions("gpt-4o", 10, TEN.minus(Duration.ofMinutes(40)), 0);
    CacheHitChecks checks = start();

    // when the check runs just after ten
    List<Row> alerted = checks.check(TEN.plusSeconds(30));

    // then one alert for claude alone, with its rate and baseline
    assertThat(alerted).extracting(Row::model).containsExactly("claude");
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);
    String body = slack.accepted().getFirst().body();
    assertThat(body)
        .contains("Cache hit rate dropped")
        .contains("claude")
        .contains("hit rate 10.0% (30 eligible requests)")
        .contains("baseline 90.0% (past 7 days)")
        .doesNotContain("gpt-4o");

    // when it runs again five and twenty-five minutes later, the drop still in its window
    assertThat(checks.check(TEN.plusSeconds(330))).isEmpty();
    assertThat(checks.check(TEN.plus(Duration.ofMinutes(25)))).isEmpty();

    // and when the rate is back to normal after the cool-down
    sessions("claude", 30, TEN.plus(Duration.ofMinutes(10)), 900);
    publish();
    List<Row> recovered = checks.check(TEN.plus(Duration.ofMinutes(65)));

    // then nothing more was said
    assertThat(recovered).isEmpty();
    Thread.sleep(1_000);
    assertThat(slack.accepted()).hasSize(1);
  }

  @Test
  void belowTheFloorAlertsWithoutABaselineAndRowsComeWorstFirst() throws Exception {
    // given two models never seen before, at 2 % and 4 %, and one at 30 %
    sessions("haiku", 25, TEN.minus(Duration.ofMinutes(30)), 40);
    sessions("opus", 25, TEN.minus(Duration.ofMinutes(30)), 20);
    sessions("sonnet", 25, TEN.minus(Duration.ofMinutes(30)), 300);
    CacheHitChecks checks = start();

    // when the check runs
    List<Row> alerted = checks.check(TEN.plusSeconds(30));

    // then the two under the floor, the worse first
    assertThat(alerted).extracting(Row::model).containsExactly("opus", "haiku");
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);
    String body = slack.accepted().getFirst().body();
    assertThat(body.indexOf("opus")).isLessThan(body.indexOf("haiku"));
    assertThat(body).contains("below the floor of 5.0%").doesNotContain("sonnet");
  }

  @Test
  void requestsAfterTheTtlAreNotEligibleSoALongPauseIsNotADrop() throws Exception {
    // given a week at 90 %, and an hour whose sessions hit 90 % within the TTL but paused
    // 10 minutes before their third request (a cold cache, rightly)
    sessions("claude", 30, TEN.minus(Duration.ofHours(20)), 900);
    for (int s = 0; s < 30; s++) {
      Instant start = TEN.minus(Duration.ofMinutes(55));
      String id = "pause-" + s;
      usage.add(event(id + "-1", id, 1, "claude", 0, 1000, 0, start));
      usage.add(event(id + "-2", id, 2, "claude", 100, 0, 900, start.plusSeconds(60)));
      usage.add(event(id + "-3", id, 3, "claude", 0, 1000, 0, start.plusSeconds(660)));
    }
    CacheHitChecks checks = start();

    // when the check runs
    // then no alert: only the second request of each session was eligible, at 90 %
    assertThat(checks.check(TEN.plusSeconds(30))).isEmpty();
    Thread.sleep(500);
    assertThat(slack.accepted()).isEmpty();
  }

  @Test
  void twoInstancesCheckingAtOnceAlertOnce() throws Exception {
    // given a drop and two instances
    sessions("claude", 30, TEN.minus(Duration.ofHours(20)), 900);
    sessions("claude", 30, TEN.minus(Duration.ofMinutes(30)), 100);
    CacheHitChecks first = start();
    CacheHitChecks second = world.start(quietTicker()).getBean(CacheHitChecks.class);

    // when both check the same window at once
    var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> first.check(TEN));
    var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> second.check(TEN));

    // then one of them alerted, once
    assertThat(a.get().size() + b.get().size()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.accepted().size() == 1);
    Thread.sleep(1_000);
    assertThat(slack.accepted()).hasSize(1);
  }

  /**
   * {@code count} sessions of two requests two minutes apart from {@code start}: the first writes
   * 1,000 tokens to the cache, the second reads {@code read} of its 1,000 prompt tokens from it.
   */
  private void sessions(String model, int count, Instant start, long read) {
    for (int i = 0; i < count; i++) {
      String id = model + "-" + (sessions++);
      Instant at = start.plusSeconds(i * 10L);
      usage.add(event(id + "-1", id, 1, model, 0, 1000, 0, at));
      usage.add(event(id + "-2", id, 2, model, 1000 - read, 0, read, at.plusSeconds(120)));
    }
  }

  private ProducerRecord<String, byte[]> event(
      String request,
      String session,
      int seq,
      String model,
      long input,
      long creation,
      long read,
      Instant at) {
    return UsageFeed.cacheEvent(
        world, request, session, seq, model, input, creation, read, at.toString());
  }

  private CacheHitChecks start() {
    ConfigurableApplicationContext instance = world.start(quietTicker());
    publish();
    return instance.getBean(CacheHitChecks.class);
  }

  private void publish() {
    List<ProducerRecord<String, byte[]>> batch = List.copyOf(usage);
    usage.clear();
    long before = world.jdbc().sql("SELECT count(*) FROM usage_seen").query(Long.class).single();
    world.publishAll(batch);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                world.jdbc().sql("SELECT count(*) FROM usage_seen").query(Long.class).single()
                    >= before + batch.size());
  }

  /** The test runs the checks itself, at the times it chooses. */
  private static Map<String, Object> quietTicker() {
    return Map.of("notifier.cache-hit.check-tick", "1h");
  }
}
