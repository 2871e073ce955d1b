package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

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
