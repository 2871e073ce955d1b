package dev.notifier.ingest;

import dev.notifier.base.Ticker;
import dev.notifier.dedupe.BreakerFlaps;
import dev.notifier.dedupe.DedupeProperties;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the opened alerts that waited out the flap grace without a close, twice a second, on every
 * instance (each takes what no other holds; what fails stays due). Not started without a grace.
 */
@Component
class WaitedBreakerAlerts implements SmartLifecycle {

  private final Ticker ticker;
  private final boolean enabled;

  WaitedBreakerAlerts(BreakerFlaps flaps, BreakerEvents events, DedupeProperties properties) {
    this.ticker =
        new Ticker(
            "waited breaker alerts",
            Duration.ofMillis(500),
            () -> flaps.sendDue(events::sendWaited));
    this.enabled = properties.breakerFlapGrace().isPositive();
  }

  @Override
  public void start() {
    if (enabled) {
      ticker.start();
    }
  }

  @Override
  public void stop() {
    ticker.stop();
  }

  @Override
  public boolean isRunning() {
    return ticker.isRunning();
  }
}
