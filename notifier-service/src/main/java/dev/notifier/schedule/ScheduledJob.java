package dev.notifier.schedule;

import dev.notifier.binding.Settings;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A notification made on a schedule: when it fires by default, and what it says at a fire. */
interface ScheduledJob {

  NotificationType type();

  /** The schedule of a binding that names no cron of its own, in the binding's zone. */
  CronSchedule defaultSchedule(Settings settings, ZoneId zone);

  /**
   * What a fire covers, when two fires may cover the same thing (a day's leaderboard): at most one
   * fire per period is sent. Null when every fire covers something of its own.
   */
  @Nullable String period(Instant fire, ZoneId zone, Settings settings);

  /**
   * The message for this fire of {@code schedule}; empty when there is nothing to tell (no usage at
   * all).
   */
  Optional<Message> make(
      Instant fire, CronSchedule schedule, Settings settings, Presentation presentation);
}
