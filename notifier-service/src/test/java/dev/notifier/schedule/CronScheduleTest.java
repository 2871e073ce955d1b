package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @Test
  void aDailyTimeFiresAtThatTimeInItsZone() {
    CronSchedule shanghai = CronSchedule.dailyAt("09:00", "Asia/Shanghai");
    CronSchedule.Fires fires =
        shanghai.firesBetween(
            Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-08T00:59:59Z"));

    assertThat(fires.count()).isEqualTo(2);
    assertThat(fires.latest()).isEqualTo(Instant.parse("2026-12-07T01:00:00Z"));
  }

  @Test
  void theEndIsInclusiveAndTheStartIsNot() {
    CronSchedule utc = CronSchedule.parse("0 0 9 * * *", "UTC");
    Instant nine = Instant.parse("2026-12-07T09:00:00Z");

    assertThat(utc.firesBetween(nine.minusSeconds(1), nine).latest()).isEqualTo(nine);
    assertThat(utc.firesBetween(nine, nine.plusSeconds(3600)).latest()).isNull();
  }

  @Test
  void aTimeSkippedByDaylightSavingDoesNotFireThatDay() {
    // Berlin went from 02:00 to 03:00 on 29 March 2026
    CronSchedule berlin = CronSchedule.parse("0 30 2 * * *", "Europe/Berlin");
    CronSchedule.Fires fires =
        berlin.firesBetween(
            Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z"));

    assertThat(fires.count()).isEqualTo(1);
    assertThat(fires.latest()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }

  /**
   * A daily nine o'clock keeps to nine o'clock local time across a clock change, a year's end and a
   * leap day, in a zone that has daylight saving beside one that has none.
   */
  @ParameterizedTest
  @CsvSource({
    // New York goes from EST (UTC-5) to EDT (UTC-4) on 14 March 2027, and back on 7 November
    "America/New_York, 2027-03-13T14:00:00Z, 2027-03-14T13:00:00Z, 2027-03-15T13:00:00Z",
    "America/New_York, 2027-11-06T13:00:00Z, 2027-11-07T14:00:00Z, 2027-11-08T14:00:00Z",
    "Asia/Shanghai, 2027-03-13T01:00:00Z, 2027-03-14T01:00:00Z, 2027-03-15T01:00:00Z",
    "Asia/Shanghai, 2027-12-31T01:00:00Z, 2028-01-01T01:00:00Z, 2028-01-02T01:00:00Z",
    "Asia/Shanghai, 2028-02-28T01:00:00Z, 2028-02-29T01:00:00Z, 2028-03-01T01:00:00Z",
    "America/New_York, 2036-12-06T14:00:00Z, 2036-12-07T14:00:00Z, 2036-12-08T14:00:00Z"
  })
  void aDailyTimeStaysAtItsLocalTimeOnDaysThatBreakNaiveCode(
      String zone, Instant first, Instant second, Instant third) {
    CronSchedule nine = CronSchedule.dailyAt("09:00", zone);

    CronSchedule.Fires fires = nine.firesBetween(first.minusSeconds(1), third);

    assertThat(fires.count()).isEqualTo(3);
    assertThat(fires.latest()).isEqualTo(third);
    assertThat(nine.firesBetween(first, second).latest()).isEqualTo(second);
    assertThat(nine.firesBetween(second, third.minusSeconds(1)).count()).isZero();
  }

  @Test
  void aTimeRepeatedByDaylightSavingFiresOnce() {
    // New York's 01:30 happens twice on 7 November 2027 (EDT, then EST)
    CronSchedule newYork = CronSchedule.parse("0 30 1 * * *", "America/New_York");
    CronSchedule.Fires fires =
        newYork.firesBetween(
            Instant.parse("2027-11-07T04:00:00Z"), Instant.parse("2027-11-07T08:00:00Z"));

    assertThat(fires.count()).isEqualTo(1);
    assertThat(fires.latest()).isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
    // and a later look, from that fire on, finds no second one at 01:30 EST
    assertThat(newYork.firesBetween(fires.latest(), Instant.parse("2027-11-07T08:00:00Z")).count())
        .isZero();
  }

  @Test
  void aBadCronOrZoneIsNamed() {
    assertThatThrownBy(() -> CronSchedule.parse("every day", "UTC"))
        .hasMessageStartingWith("schedule_cron: 'every day'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 9 * * *", "Mars/Olympus"))
        .hasMessageStartingWith("schedule_timezone: 'Mars/Olympus'");
    assertThatThrownBy(() -> CronSchedule.dailyAt("9", "UTC")).hasMessageContaining("HH:mm");
  }

  @Test
  void aPerSecondCronCannotStallALook() {
    CronSchedule everySecond = CronSchedule.parse("* * * * * *", "UTC");
    CronSchedule.Fires fires =
        everySecond.firesBetween(
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(fires.count()).isEqualTo(100_000);
  }

  @Test
  void aBadDefaultUsageReportCronStopsTheStartNotEveryReport() {
    assertThatThrownBy(
            () ->
                new ScheduleProperties(
                    java.time.Duration.ofSeconds(15),
                    java.time.Duration.ofHours(1),
                    java.time.Duration.ofMinutes(2),
                    "every six hours",
                    java.time.Duration.ofDays(30)))
        .hasMessageContaining("notifier.schedule.usage-report-cron");
  }
}
