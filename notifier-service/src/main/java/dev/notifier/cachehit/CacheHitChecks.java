package dev.notifier.cachehit;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.CacheHitSettings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.cachehit.CacheHitRates.Model;
import dev.notifier.delivery.FanOut;
import dev.notifier.message.CacheHitMessages;
import dev.notifier.message.CacheHitMessages.Row;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code cache_hit_check_interval_minutes} each instance judges the window that ended at the
 * last full five minutes. Every model that alerts is claimed for its cool-down before the alert is
 * published, so two instances never tell the same model twice; an alert that cannot be published
 * gives its claims back for the next check.
 */
@Component
class CacheHitChecks {

  private static final Logger log = LoggerFactory.getLogger(CacheHitChecks.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
  private static final long BUCKET_SECONDS = Duration.ofMinutes(5).toSeconds();

  private final CacheHitRates rates;
  private final CacheHitCooldowns cooldowns;
  private final Bindings bindings;
  private final FanOut fanOut;
  private final Clock clock;
  private final CacheHitProperties properties;
  private @Nullable Instant last;

  CacheHitChecks(
      CacheHitRates rates,
      CacheHitCooldowns cooldowns,
      Bindings bindings,
      FanOut fanOut,
      Clock clock,
      CacheHitProperties properties) {
    this.rates = rates;
    this.cooldowns = cooldowns;
    this.bindings = bindings;
    this.fanOut = fanOut;
    this.clock = clock;
    this.properties = properties;
  }

  /** Called every tick; checks when the interval has passed since this instance last did. */
  void tick() {
    Instant now = clock.instant();
    Duration interval =
        properties.checkInterval() != null
            ? properties.checkInterval()
            : bindings.settings().cacheHit().checkInterval();
    if (last != null && now.isBefore(last.plus(interval))) {
      return;
    }
    check(now);
    last = now;
  }

  /** One look at the window ending before {@code now}; the rows alerted (empty when none). */
  List<Row> check(Instant now) {
    List<Target> recipients = bindings.recipients(NotificationType.CACHE_HIT_ALERT);
    if (recipients.isEmpty()) {
      return List.of();
    }
    Settings settings = bindings.settings();
    CacheHitSettings s = settings.cacheHit();
    long epoch = now.getEpochSecond();
    // only whole buckets: the one still filling would read as a sudden fall in requests
    Instant to = Instant.ofEpochSecond(epoch - Math.floorMod(epoch, BUCKET_SECONDS));
    Instant from = to.minus(s.window());
    Map<Model, Tally> current = rates.between(from, to);
    if (current.values().stream().noneMatch(t -> t.judgeable(s.minRequests()))) {
      return List.of();
    }
    ZoneId zone = settings.presentation().zone();
    Instant today = to.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    Instant pastEnd = today.isBefore(from) ? today : from;
    CacheHitJudge.Baselines baselines =
        new CacheHitJudge.Baselines(
            rates.between(today.minus(Duration.ofDays(s.baselineDays())), pastEnd),
            rates.between(today, from),
            rates.between(from.minus(s.window()), from));
    List<Row> claimed = new ArrayList<>();
    for (Row r : CacheHitJudge.judge(current, baselines, s)) {
      if (cooldowns.claim(r.providerId(), r.model(), to, s.cooldown())) {
        claimed.add(r);
      }
    }
    if (claimed.isEmpty()) {
      return List.of();
    }
    Notification notification =
        Notification.rendered(
            id(to, claimed),
            NotificationType.CACHE_HIT_ALERT,
            to,
            settings.presentation(),
            p -> CacheHitMessages.alert(claimed, s.maxRows(), s.window(), s.floor(), to, p));
    try {
      fanOut
          .publish(notification, recipients)
          .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return claimed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("cache-hit alert could not be published, to be tried again: {}", e.toString());
    }
    claimed.forEach(r -> cooldowns.release(r.providerId(), r.model(), to));
    return List.of();
  }

  /**
   * The window's end and the models claimed: two instances that each claimed some models of the
   * same window publish different notifications, neither taken for a repeat of the other.
   */
  private static String id(Instant to, List<Row> claimed) {
    StringBuilder models = new StringBuilder();
    claimed.stream()
        .map(r -> r.providerId() + "/" + r.model())
        .sorted()
        .forEach(m -> models.append(m).append('\n'));
    return "cache-hit:"
        + to
        + ":"
        + java.util.UUID.nameUUIDFromBytes(
            models.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
