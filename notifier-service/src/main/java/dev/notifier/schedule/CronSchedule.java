package dev.notifier.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read in a time zone (Spring's six-field syntax: second, minute, hour, day of
 * month, month, day of week). Daylight-saving changes are the expression's: a 02:30 that does not
 * exist on the day clocks go forward does not fire that day.
 */
public record CronSchedule(CronExpression cron, ZoneId zone) {

  /** The most fires looked through at once, so a per-second cron cannot stall a tick. */
  private static final int MAX_STEPS = 100_000;

  /**
   * Parses both, naming what is wrong: "schedule_cron: ..." or "schedule_timezone: ...". For the
   * admin API's checks on save and for bindings read at run time alike.
   */
  public static CronSchedule parse(String cron, String zone) {
    CronExpression expression;
    try {
      expression = CronExpression.parse(cron.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "schedule_cron: '"
              + cron
              + "' is not a cron expression (second minute hour"
              + " day-of-month month day-of-week): "
              + e.getMessage(),
          e);
    }
    return new CronSchedule(expression, zone(zone));
  }

  /** An IANA zone, or an error naming {@code schedule_timezone}. */
  public static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "schedule_timezone: '" + zone + "' is not an IANA time zone (e.g. Asia/Shanghai)", e);
    }
  }

  /** A daily fire at "HH:mm" (the settings' leaderboard time). */
  public static CronSchedule dailyAt(String hhmm, String zone) {
    String[] parts = hhmm.trim().split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("time: '" + hhmm + "' is not HH:mm");
    }
    return parse(
        "0 " + Integer.parseInt(parts[1]) + " " + Integer.parseInt(parts[0]) + " * * *", zone);
  }

  /**
   * The fires in {@code (after, atOrBefore]}: how many, and the latest. A wall time that happens
   * twice when the clocks go back fires once, the first time, as cron has always done: Spring's
   * expression would fire it again an hour later, and a daily report would go out twice.
   */
  public Fires firesBetween(Instant after, Instant atOrBefore) {
    ZonedDateTime t = after.atZone(zone);
    @Nullable Instant latest = null;
    int count = 0;
    for (int i = 0; i < MAX_STEPS; i++) {
      ZonedDateTime next = cron.next(t);
      if (next == null || next.toInstant().isAfter(atOrBefore)) {
        break;
      }
      boolean repeatedWallTime = next.toLocalDateTime().equals(t.toLocalDateTime());
      t = next;
      if (repeatedWallTime) {
        continue;
      }
      latest = next.toInstant();
      count++;
    }
    return new Fires(count, latest);
  }

  /** {@code latest} is null when there was none. */
  public record Fires(int count, @Nullable Instant latest) {}
}
