package dev.notifier.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tick how often each instance looks for due fires (a fire goes out within this of its time)
 * @param grace a fire missed (every instance down) goes out late if an instance is back within
 *     this; older ones are skipped and counted ({@code notifier_schedule_fires_total{outcome=
 *     "skipped"}})
 * @param reclaimAfter a fire claimed by an instance that then died is claimed again after this
 * @param usageReportCron the usage report's schedule for a binding without its own cron
 * @param runRetention how long finished fires are remembered ({@code schedule_runs}); at least two
 *     days, so that a day's leaderboard is still known as sent when its time moves
 */
@ConfigurationProperties("notifier.schedule")
record ScheduleProperties(
    @DefaultValue("15s") Duration tick,
    @DefaultValue("1h") Duration grace,
    @DefaultValue("2m") Duration reclaimAfter,
    @DefaultValue("0 0 */6 * * *") String usageReportCron,
    @DefaultValue("30d") Duration runRetention) {

  public ScheduleProperties {
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("notifier.schedule.tick must be positive");
    }
    // a bad default would make every usage report binding invalid: refuse it at start-up
    try {
      org.springframework.scheduling.support.CronExpression.parse(usageReportCron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "notifier.schedule.usage-report-cron: '" + usageReportCron + "' is not a cron expression",
          e);
    }
    if (runRetention.compareTo(Duration.ofDays(2)) < 0) {
      throw new IllegalArgumentException(
          "notifier.schedule.run-retention must be at least 2d, was " + runRetention);
    }
    if (grace.compareTo(tick) < 0) {
      throw new IllegalArgumentException("notifier.schedule.grace must be at least the tick");
    }
  }
}
