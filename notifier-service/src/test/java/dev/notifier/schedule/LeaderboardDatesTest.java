package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import dev.notifier.testing.UsageFeed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daily leaderboard on days that break naive date code, with the service's one clock set to
 * each in turn: the 23-hour day New York's clocks go forward, the 25-hour day they go back, the
 * last day of a year in Shanghai, a leap day, and a day ten years out. Each covers its own calendar
 * day in its zone, exactly: a request half an hour inside either end counts, one half an hour
 * outside does not. One instance runs throughout; the cases go forward in time, as a clock does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardDatesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn receiver = new ChatStandIn();
  private final AtomicInteger requests = new AtomicInteger();

  static Stream<Arguments> days() {
    return Stream.of(
        Arguments.of("2027-03-14", "America/New_York"),
        Arguments.of("2027-11-07", "America/New_York"),
        Arguments.of("2027-12-31", "Asia/Shanghai"),
        Arguments.of("2028-02-29", "Asia/Shanghai"),
        Arguments.of("2036-12-07", "Asia/Shanghai"));
  }

  @BeforeAll
  void start() {
    receiver.respond(r -> ChatStandIn.WECOM_OK);
    world.clock().set(Instant.parse("2027-03-13T00:00:00Z"));
    world
        .jdbc()
        .sql(
            "UPDATE notification_settings SET enabled = TRUE, daily_leaderboard_enabled = TRUE,"
                + " leaderboard_time = '09:00', leaderboard_top_n = 3")
        .update();
    world.start(Map.of("notifier.schedule.tick", "100ms"));
  }

  @AfterAll
  void stop() {
    world.close();
    receiver.close();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("days")
  void theLeaderboardCoversExactlyTheCalendarDayInItsZone(String date, String zoneName)
      throws Exception {
    ZoneId zone = ZoneId.of(zoneName);
    LocalDate day = LocalDate.parse(date);
    Instant dayStarts = day.atStartOfDay(zone).toInstant();
    Instant dayEnds = day.plusDays(1).atStartOfDay(zone).toInstant();
    Instant fire = day.plusDays(1).atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
    String path = "/cgi-bin/webhook/send?key=" + date;

    // given a binding of this case only, made on the day itself
    world.clock().set(dayStarts.plus(Duration.ofHours(12)));
    world.jdbc().sql("UPDATE notification_bindings SET enabled = FALSE").update();
    world.bindInZone(date, "wecom", receiver.url(path), "daily_leaderboard", zoneName);
    // and usage half an hour inside and outside each end of the day, in the zone
    long user = requests.get();
    UsageFeed.publishAndWait(
        world,
        List.of(
            usage(date, user + 1, "早", "1.25", dayStarts.plus(Duration.ofMinutes(30))),
            usage(date, user + 2, "晚", "2.5", dayEnds.minus(Duration.ofMinutes(30))),
            usage(date, user + 3, "前一天", "40", dayStarts.minus(Duration.ofMinutes(30))),
            usage(date, user + 4, "后一天", "50", dayEnds.plus(Duration.ofMinutes(30)))));

    // when nine o'clock the next morning comes in the zone
    world.clock().set(fire.minusSeconds(2));
    Thread.sleep(500);
    assertThat(receiver.accepted()).noneMatch(r -> ofThisDay(r, date));
    world.clock().set(fire.plusSeconds(1));

    // then the day's leaderboard names both requests of the day and neither outside it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.accepted().stream().anyMatch(r -> ofThisDay(r, date)));
    String body =
        receiver.accepted().stream()
            .filter(r -> ofThisDay(r, date))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(body)
        .contains(date)
        .contains("晚")
        .contains("早")
        .contains("$3.7500")
        .doesNotContain("前一天")
        .doesNotContain("后一天");
  }

  private static boolean ofThisDay(ChatStandIn.Request request, String date) {
    return request.query() != null && request.query().contains("key=" + date);
  }

  private ProducerRecord<String, byte[]> usage(
      String date, long user, String name, String cost, Instant at) {
    requests.incrementAndGet();
    return UsageFeed.event(
        world, date + "-" + user, user, name, null, null, "m", 100, cost, at.toString());
  }
}
