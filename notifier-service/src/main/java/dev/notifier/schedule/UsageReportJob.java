package dev.notifier.schedule;

import dev.notifier.binding.Settings;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.message.UsageReport;
import dev.notifier.message.UsageReportMessages;
import dev.notifier.usage.UsageReports;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The usage report: by default every six hours ({@code notifier.schedule.usage-report-cron}, as the
 * seeds' reporter), over the time since the schedule's previous fire (at most seven days), with the
 * settings' number of top keys and trend days.
 */
@Component
class UsageReportJob implements ScheduledJob {

  private static final Duration LONGEST_PERIOD = Duration.ofDays(7);

  private final UsageReports reports;
  private final ScheduleProperties properties;

  UsageReportJob(UsageReports reports, ScheduleProperties properties) {
    this.reports = reports;
    this.properties = properties;
  }

  @Override
  public NotificationType type() {
    return NotificationType.USAGE_REPORT;
  }

  @Override
  public CronSchedule defaultSchedule(Settings settings, ZoneId zone) {
    return CronSchedule.parse(properties.usageReportCron(), zone.getId());
  }

  @Override
  public @Nullable String period(Instant fire, ZoneId zone, Settings settings) {
    return null;
  }

  @Override
  public Optional<Message> make(
      Instant fire, CronSchedule schedule, Settings settings, Presentation presentation) {
    Instant earliest = fire.minus(LONGEST_PERIOD);
    Instant previous = schedule.firesBetween(earliest, fire.minusNanos(1)).latest();
    UsageReport report =
        reports.report(
            previous == null ? earliest : previous,
            fire,
            settings.usageReportTopKeys(),
            settings.usageReportTrendDays(),
            schedule.zone());
    if (report.totals().requests() == 0) {
      return Optional.empty();
    }
    return Optional.of(UsageReportMessages.report(report, fire, presentation));
  }
}
