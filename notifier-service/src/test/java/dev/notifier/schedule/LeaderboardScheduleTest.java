package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.Meters;
import dev.notifier.testing.TestClock;
import dev.notifier.testing.TestWorld;
import dev.notifier.testing.UsageFeed;
import java.sql.Timestamp;
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
 * The daily leaderboard through the real pipeline, on a clock the test moves: usage events in over
 * Kafka, roll-ups in PostgreSQL, the fire claimed there, the message at a WeCom stand-in. Each fire
 * goes out once whatever the instances, restarts, switches and time changes around it.
 */
class LeaderboardScheduleTest {

  /**
   * 09:00 in Shanghai on 1 March 2028; the leaderboard covers the leap day there, a day that code
   * doing its own calendar arithmetic gets wrong.
   */
  private static final Instant SHANGHAI_NINE = Instant.parse("2028-03-01T01:00:00Z");

  /** 09:00 in Berlin (UTC+1 until the end of March) the same day. */
  private static final Instant BERLIN_NINE = Instant.parse("2028-03-01T08:00:00Z");

  /**
   * How long before a fire an instance is started: the service's clock runs on at real speed from
   * where the test sets it, and an instance takes seconds to start.
   */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final TestWorld world = new TestWorld();
  private final ChatStandIn shanghai = new ChatStandIn();
  private final ChatStandIn berlin = new ChatStandIn();
  private final TestClock clock = world.clock();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private long shanghaiBinding;

  @BeforeEach
  void given() {
    clock.set(SHANGHAI_NINE.minus(Duration.ofMinutes(5)));
    shanghai.respond(r -> ChatStandIn.WECOM_OK);
    berlin.respond(r -> ChatStandIn.WECOM_OK);
    world
        .jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, daily_leaderboard_enabled = TRUE,"
                + " leaderboard_time = '09:00', leaderboard_top_n = 2, time_zone = 'Asia/Shanghai'")
        .update();
    shanghaiBinding = bind("sh", shanghai, null);
    bind("be", berlin, "Europe/Berlin");
    // three users' usage on 29 February in Shanghai, through the pipeline
    ConfigurableApplicationContext feeder = start();
    List<ProducerRecord<String, byte[]>> usage = new ArrayList<>();
    usage.add(usage("r1", 1, "张三", "12.5", "2028-02-29T10:00:00Z"));
    usage.add(usage("r2", 1, "张三", "0.25", "2028-02-29T11:00:00Z"));
    usage.add(usage("r3", 2, "李四", "8.75", "2028-02-29T12:00:00Z"));
    // 23:30 on the 29th in Shanghai, though still 29 February in UTC
    usage.add(usage("r4", 3, "王五", "1.5", "2028-02-29T15:30:00Z"));
    // the day after and the day before, in Shanghai: not in the leaderboard of the 29th
    usage.add(usage("r5", 3, "王五", "99", "2028-03-01T00:30:00Z"));
    usage.add(usage("r6", 3, "王五", "77", "2028-02-28T15:30:00Z"));
    UsageFeed.publishAndWait(world, usage);
    feeder.close();
    instances.remove(feeder);
  }

  @AfterEach
  void tearDown() {
    instances.forEach(ConfigurableApplicationContext::close);
    world.close();
    shanghai.close();
    berlin.close();
  }

  @Test
  void twoZonesFireAtTheirOwnNineOnceEachWithTwoInstancesRunning() throws Exception {
    // given two instances looking every 100 ms
    clock.set(SHANGHAI_NINE.minus(MARGIN));
    start();
    start();
    Thread.sleep(1_000);
    assertThat(shanghai.all()).isEmpty();

    // when nine o'clock comes in Shanghai
    clock.set(SHANGHAI_NINE.plusSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 1);
    Thread.sleep(1_500);

    // then Shanghai had one leaderboard, Berlin none yet
    assertThat(shanghai.accepted()).hasSize(1);
    assertThat(berlin.all()).isEmpty();
    String body = shanghai.accepted().getFirst().body();
    assertThat(body)
        .contains("每日用户消费排行榜")
        .contains("2028-02-29")
        .contains("🥇")
        .contains("张三")
        .contains("$12.7500")
        .contains("🥈")
        .contains("李四")
        .doesNotContain("王五 ")
        .contains("$23.0000"); // the total over every user of the day, top 2 shown

    // when nine o'clock comes in Berlin
    clock.set(BERLIN_NINE.plusSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> berlin.accepted().size() == 1);
    clock.set(BERLIN_NINE.plusSeconds(1_800));
    Thread.sleep(1_500);

    // then each zone had exactly one
    assertThat(berlin.accepted()).hasSize(1);
    assertThat(shanghai.accepted()).hasSize(1);
    assertThat(sent()).isEqualTo(2);
  }

  @Test
  void aRestartJustBeforeAndJustAfterNineStillFiresExactlyOnce() throws Exception {
    // an instance up just before nine that goes down
    clock.set(SHANGHAI_NINE.minus(MARGIN));
    ConfigurableApplicationContext first = start();
    Thread.sleep(700);
    first.close();
    assertThat(clock.instant()).isBefore(SHANGHAI_NINE);
    instances.remove(first);
    assertThat(shanghai.all()).isEmpty();

    // one up again at 09:00:01
    clock.set(SHANGHAI_NINE.plusSeconds(1));
    ConfigurableApplicationContext second = start();
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 1);
    second.close();
    instances.remove(second);

    // and another restart a little later
    clock.set(SHANGHAI_NINE.plusSeconds(30));
    start();
    Thread.sleep(1_500);
    assertThat(shanghai.accepted()).hasSize(1);
  }

  @Test
  void switchingTheTypeOrTheBindingOffStopsItsSchedule() throws Exception {
    clock.set(SHANGHAI_NINE.minus(MARGIN));
    ConfigurableApplicationContext instance = start();
    world.jdbc().sql("UPDATE notification_settings SET daily_leaderboard_enabled = FALSE").update();
    world
        .jdbc()
        .sql(
            "UPDATE notification_bindings SET enabled = FALSE WHERE target_id IN"
                + " (SELECT id FROM webhook_targets WHERE name = 'be')")
        .update();
    Thread.sleep(500); // the binding cache's 200 ms

    clock.set(SHANGHAI_NINE.plusSeconds(1));
    Thread.sleep(1_500);
    assertThat(shanghai.all()).isEmpty();

    // the type back on: Shanghai's fire is still within the grace and goes out, late, once;
    // Berlin's binding stays off at its nine
    world.jdbc().sql("UPDATE notification_settings SET daily_leaderboard_enabled = TRUE").update();
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 1);
    clock.set(BERLIN_NINE.plusSeconds(1));
    Thread.sleep(1_500);
    assertThat(berlin.all()).isEmpty();
    assertThat(shanghai.accepted()).hasSize(1);
    assertThat(Meters.count(instance, "notifier.schedule.fires", "outcome", "sent")).isEqualTo(1);
  }

  @Test
  void movingTheTimeAfterItFiredDoesNotSendTheSameDayTwice() throws Exception {
    start();
    clock.set(SHANGHAI_NINE.plusSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 1);

    // the operator moves the leaderboard to 09:30 and to another zone that is past it already
    world.jdbc().sql("UPDATE notification_settings SET leaderboard_time = '09:30'").update();
    clock.set(SHANGHAI_NINE.plus(Duration.ofMinutes(31)));
    Thread.sleep(1_500);
    assertThat(shanghai.accepted()).hasSize(1);

    // the next day, at the new time, it fires again
    clock.set(SHANGHAI_NINE.plus(Duration.ofHours(24).plusMinutes(30)).plusSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 2);
  }

  @Test
  void aFireMissedBeyondTheGraceIsSkippedAndCountedOneWithinItGoesOutLate() throws Exception {
    // the schedule ran the day before, then every instance was down over nine o'clock
    recordRun(shanghaiBinding, SHANGHAI_NINE.minus(Duration.ofDays(1)));
    clock.set(SHANGHAI_NINE.plus(Duration.ofHours(2)));
    ConfigurableApplicationContext late = start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Meters.count(late, "notifier.schedule.fires", "outcome", "skipped") >= 1);
    Thread.sleep(1_000);
    assertThat(shanghai.all()).isEmpty();
    late.close();
    instances.remove(late);

    // the next day an instance is back 20 minutes after nine: within the grace
    clock.set(SHANGHAI_NINE.plus(Duration.ofHours(24).plusMinutes(20)));
    start();
    await().atMost(Duration.ofSeconds(30)).until(() -> shanghai.accepted().size() == 1);
    assertThat(shanghai.accepted().getFirst().body()).contains("2028-03-01");
  }

  private double sent() {
    return instances.stream()
        .mapToDouble(i -> Meters.count(i, "notifier.schedule.fires", "outcome", "sent"))
        .sum();
  }

  private ConfigurableApplicationContext start() {
    ConfigurableApplicationContext instance =
        world.start(
            Map.of("notifier.schedule.tick", "100ms", "notifier.schedule.reclaim-after", "10s"));
    instances.add(instance);
    return instance;
  }

  private long bind(String name, ChatStandIn standIn, String zone) {
    return world.bindInZone(
        name, "wecom", standIn.url("/cgi-bin/webhook/send?key=" + name), "daily_leaderboard", zone);
  }

  private void recordRun(long binding, Instant fire) {
    world
        .jdbc()
        .sql(
            "INSERT INTO schedule_runs (schedule_key, fire_time, period, status, claimed_by)"
                + " VALUES (:k, :f, :p, 'sent', 'earlier')")
        .param("k", "binding:" + binding)
        .param("f", Timestamp.from(fire))
        .param("p", "2028-02-28")
        .update();
  }

  private ProducerRecord<String, byte[]> usage(
      String id, long user, String name, String cost, String time) {
    return UsageFeed.event(world, id, user, name, null, null, "m", 1200, cost, time);
  }
}
