package dev.notifier.ingest;

import dev.notifier.dedupe.BreakerFlaps;
import dev.notifier.dedupe.DedupeProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the opened alerts that waited out the flap grace without a close, twice a second, on every
 * instance (each takes what no other holds). Idle, and not started, without a grace.
 */
@Component
class WaitedBreakerAlerts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WaitedBreakerAlerts.class);
  private static final long PERIOD_MS = 500;

  private final BreakerFlaps flaps;
  private final BreakerEvents events;
  private final boolean enabled;
  private volatile @Nullable ScheduledExecutorService ticker;
  private boolean failing;

  WaitedBreakerAlerts(BreakerFlaps flaps, BreakerEvents events, DedupeProperties properties) {
    this.flaps = flaps;
    this.events = events;
    this.enabled = properties.breakerFlapGrace().isPositive();
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "waited-breaker-alerts");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    ticker = executor;
  }

  private void tick() {
    try {
      flaps.sendDue(events::sendWaited);
      if (failing) {
        failing = false;
        log.info("sending waited breaker alerts works again");
      }
    } catch (RuntimeException e) {
      // The alert stays due; said once per outage, not twice a second.
      if (!failing) {
        failing = true;
        log.warn("sending waited breaker alerts failed; trying again: {}", e.toString());
      }
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = ticker;
    if (executor != null) {
      executor.shutdown();
      ticker = null;
    }
  }

  @Override
  public boolean isRunning() {
    return ticker != null;
  }
}
