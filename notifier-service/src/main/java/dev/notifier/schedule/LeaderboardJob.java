package dev.notifier.schedule;

import dev.notifier.binding.Settings;
import dev.notifier.message.Leaderboard;
import dev.notifier.message.LeaderboardMessages;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.usage.Leaderboards;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The daily spend leaderboard: by default at the settings' {@code leaderboard_time} every day, over
 * the previous calendar day in the schedule's zone (or the 24 hours before the fire).
 */
@Component
class LeaderboardJob implements ScheduledJob {

  private final Leaderboards leaderboards;

  LeaderboardJob(Leaderboards leaderboards) {
    this.leaderboards = leaderboards;
  }

  @Override
  public NotificationType type() {
    return NotificationType.DAILY_LEADERBOARD;
  }

  @Override
  public CronSchedule defaultSchedule(Settings settings, ZoneId zone) {
    return CronSchedule.dailyAt(settings.leaderboardTime(), zone.getId());
  }

  @Override
  public @Nullable String period(Instant fire, ZoneId zone, Settings settings) {
    return settings.leaderboardRolling() ? null : day(fire, zone).toString();
  }

  @Override
  public Optional<Message> make(
      Instant fire, CronSchedule schedule, Settings settings, Presentation presentation) {
    ZoneId zone = schedule.zone();
    LocalDate day = day(fire, zone);
    Instant from =
        settings.leaderboardRolling()
            ? fire.minus(Duration.ofHours(24))
            : day.atStartOfDay(zone).toInstant();
    Instant to =
        settings.leaderboardRolling() ? fire : day.plusDays(1).atStartOfDay(zone).toInstant();
    Leaderboard board = leaderboards.between(from, to, settings.leaderboardTopN());
    if (board.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        LeaderboardMessages.leaderboard(
            board, day, settings.leaderboardRolling(), fire, presentation));
  }

  /** The calendar day before the fire, in the zone. */
  private static LocalDate day(Instant fire, ZoneId zone) {
    return fire.atZone(zone).toLocalDate().minusDays(1);
  }
}
