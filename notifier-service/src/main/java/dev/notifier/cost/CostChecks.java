package dev.notifier.cost;

import dev.notifier.binding.Bindings;
import dev.notifier.cost.CostAlerts.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code cost_check_interval_minutes} (10–1440, from the settings) each instance looks again
 * at the latest snapshot of every open period, so a level crossed while cost alerts were off, or
 * while no instance was up, is told once they are back; a level told already is never told again
 * (the same claims as the events'). Its claim id is the snapshot's event and the level, so a check
 * that dies after claiming is taken up by the next one under the same notification id.
 */
@Component
class CostChecks {

  private static final Logger log = LoggerFactory.getLogger(CostChecks.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final CostAlerts alerts;
  private final CostSnapshots snapshots;
  private final Bindings bindings;
  private final Clock clock;
  private final CostProperties properties;
  private @Nullable Instant last;

  CostChecks(
      CostAlerts alerts,
      CostSnapshots snapshots,
      Bindings bindings,
      Clock clock,
      CostProperties properties) {
    this.alerts = alerts;
    this.snapshots = snapshots;
    this.bindings = bindings;
    this.clock = clock;
    this.properties = properties;
  }

  /** Called every tick; checks when the interval has passed since this instance last did. */
  void tick() {
    Instant now = clock.instant();
    Duration interval =
        properties.checkInterval() != null
            ? properties.checkInterval()
            : Duration.ofMinutes(bindings.settings().costCheckIntervalMinutes());
    if (last != null && now.isBefore(last.plus(interval))) {
      return;
    }
    check(now);
    // only once it worked: a check the database interrupted is tried again at the next tick
    last = now;
  }

  /** One look at every open period; returns how many alerts it sent. */
  int check(Instant now) {
    int sent = 0;
    for (CostSnapshots.Stored s : snapshots.open(now)) {
      int level = alerts.level(s.snapshot());
      if (level == 0 || level <= s.checkedLevel()) {
        continue;
      }
      try {
        Verdict verdict =
            alerts
                .judge(s.snapshot(), "check:" + s.eventId() + ":" + level, now)
                .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (verdict != Verdict.FILTERED) {
          snapshots.checked(s, level);
        }
        if (verdict == Verdict.SENT) {
          sent++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return sent;
      } catch (Exception e) {
        // not marked checked: the next check claims it again under the same id
        log.warn("cost check of {} failed, to be tried again: {}", s.eventId(), e.toString());
      }
    }
    snapshots.prune(now);
    return sent;
  }
}
