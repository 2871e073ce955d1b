package dev.notifier.schedule;

import dev.notifier.binding.Binding;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.delivery.FanOut;
import dev.notifier.message.Message;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.schedule.ScheduleRuns.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fires scheduled notifications. Every instance looks every {@code tick} at each enabled binding of
 * a scheduled type, works out its latest fire from its cron and zone (the binding's own, else the
 * settings', else UTC), and claims that fire in PostgreSQL; the one instance that wins makes the
 * notification and publishes it to the binding's target. Nothing is registered ahead: the schedule
 * is read afresh each tick, so switching a type or binding off stops it at once, and a changed time
 * or zone is simply the schedule from then on (the period claim keeps a day's leaderboard from
 * going out twice).
 */
@Component
class Schedules {

  private static final Logger log = LoggerFactory.getLogger(Schedules.class);

  /** How far back a schedule that ran before looks for fires it missed. */
  private static final Duration LOOKBACK = Duration.ofDays(8);

  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  /** What became of a fire; the metric's outcome label. */
  enum Outcome {
    SENT,
    EMPTY,
    SKIPPED,
    SWITCHED_OFF,
    FAILED,
    INVALID;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Bindings bindings;
  private final ScheduleRuns runs;
  private final FanOut fanOut;
  private final Clock clock;
  private final ScheduleProperties properties;
  private final List<ScheduledJob> jobs;
  private final MeterRegistry registry;
  private final String me = "instance-" + UUID.randomUUID();
  // bindings whose bad schedule was already logged: once, not every tick
  private final Set<String> toldInvalid = new HashSet<>();

  Schedules(
      Bindings bindings,
      ScheduleRuns runs,
      FanOut fanOut,
      Clock clock,
      ScheduleProperties properties,
      List<ScheduledJob> jobs,
      MeterRegistry registry) {
    this.bindings = bindings;
    this.runs = runs;
    this.fanOut = fanOut;
    this.clock = clock;
    this.properties = properties;
    this.jobs = jobs;
    this.registry = registry;
    for (ScheduledJob job : jobs) {
      for (Outcome o : Outcome.values()) {
        counter(job.type(), o);
      }
    }
  }

  /** One look at every schedule, as of the schedule clock's now. */
  public void tick() {
    Instant now = clock.instant();
    Settings settings = bindings.settings();
    List<Due> due = new java.util.ArrayList<>();
    for (ScheduledJob job : jobs) {
      if (!settings.allows(job.type())) {
        continue;
      }
      for (Binding binding : bindings.bound(job.type())) {
        Optional<Target> target = bindings.target(binding.targetId());
        if (binding.enabled() && target.isPresent() && target.get().enabled()) {
          due.add(new Due(job, binding, target.get()));
        }
      }
    }
    // with nothing scheduled (the usual case) a tick asks the database nothing
    if (due.isEmpty()) {
      return;
    }
    Map<String, Instant> latest = runs.latestFires();
    due.forEach(d -> look(d.job(), d.binding(), d.target(), settings, latest, now));
  }

  /** A binding whose switches are on: its schedule is looked at this tick. */
  private record Due(ScheduledJob job, Binding binding, Target target) {}

  private void look(
      ScheduledJob job,
      Binding binding,
      Target target,
      Settings settings,
      Map<String, Instant> latest,
      Instant now) {
    String key = "binding:" + binding.id();
    CronSchedule schedule;
    try {
      schedule = scheduleOf(job, binding, settings);
    } catch (RuntimeException e) {
      if (toldInvalid.add(key + e.getMessage())) {
        log.warn(
            "{} ({}): schedule not usable, nothing fires: {}",
            key,
            job.type().wireName(),
            e.getMessage());
        counter(job.type(), Outcome.INVALID).increment();
      }
      return;
    }
    Instant last = latest.get(key);
    // a schedule that never ran looks back no further than the grace: fires from before it
    // existed (or before this version) were never missed
    Instant after =
        last != null
            ? max(last, now.minus(LOOKBACK))
            : max(binding.createdAt(), now.minus(properties.grace()));
    CronSchedule.Fires fires = schedule.firesBetween(after, now);
    Instant fire = fires.latest();
    if (fire == null) {
      return;
    }
    String period = job.period(fire, schedule.zone(), settings);
    if (fire.isBefore(now.minus(properties.grace()))) {
      if (runs.claim(key, fire, period, Status.SKIPPED, me, properties.reclaimAfter())) {
        log.warn(
            "{} ({}): missed {} fire(s) up to {}, older than the grace; skipped",
            key,
            job.type().wireName(),
            fires.count(),
            fire);
        counter(job.type(), Outcome.SKIPPED).increment(fires.count());
      }
      return;
    }
    if (!runs.claim(key, fire, period, Status.CLAIMED, me, properties.reclaimAfter())) {
      return;
    }
    if (fires.count() > 1) {
      counter(job.type(), Outcome.SKIPPED).increment(fires.count() - 1);
    }
    fire(job, binding, target, settings, key, fire, schedule);
  }

  private void fire(
      ScheduledJob job,
      Binding binding,
      Target target,
      Settings settings,
      String key,
      Instant fire,
      CronSchedule schedule) {
    try {
      // a binding may speak its own language
      String locale = binding.locale() != null ? binding.locale() : settings.locale();
      Presentation presentation = Presentation.of(locale, schedule.zone().getId());
      Optional<Message> message = job.make(fire, schedule, settings, presentation);
      if (message.isEmpty()) {
        runs.finish(key, fire, Status.EMPTY);
        counter(job.type(), Outcome.EMPTY).increment();
        return;
      }
      // the switches once more, now that the message is made (the delivery stage asks again
      // right before it sends)
      if (!bindings.sends(job.type(), binding.targetId())) {
        runs.finish(key, fire, Status.SKIPPED);
        counter(job.type(), Outcome.SWITCHED_OFF).increment();
        return;
      }
      Notification notification =
          new Notification(notificationId(key, fire), job.type(), fire, message.get());
      fanOut
          .publish(notification, List.of(target))
          .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      runs.finish(key, fire, Status.SENT);
      counter(job.type(), Outcome.SENT).increment();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the claim stays unfinished: after reclaimAfter any instance takes the fire over, under the
      // same notification id, so a delivery that did go out is not repeated
      log.warn(
          "{} ({}): fire at {} failed, to be tried again: {}",
          key,
          job.type().wireName(),
          fire,
          e.toString());
      counter(job.type(), Outcome.FAILED).increment();
    }
  }

  private static CronSchedule scheduleOf(ScheduledJob job, Binding binding, Settings settings) {
    String zone =
        binding.scheduleTimezone() != null
            ? binding.scheduleTimezone()
            : settings.timeZone() != null && !settings.timeZone().isBlank()
                ? settings.timeZone()
                : "UTC";
    if (binding.scheduleCron() != null) {
      return CronSchedule.parse(binding.scheduleCron(), zone);
    }
    return job.defaultSchedule(settings, CronSchedule.zone(zone));
  }

  /** The same for every instance and every attempt at one fire. */
  static String notificationId(String key, Instant fire) {
    return UUID.nameUUIDFromBytes(("schedule:" + key + ":" + fire).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private Counter counter(NotificationType type, Outcome outcome) {
    return Counter.builder("notifier.schedule.fires")
        .description("scheduled fires by notification type and what became of them")
        .tag("type", type.wireName())
        .tag("outcome", outcome.label())
        .register(registry);
  }
}
