package dev.notifier.ingest;

import dev.notifier.cost.CostAlerts;
import dev.notifier.events.CostSnapshot;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ops.EventOutcome;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * A cost snapshot over one of the configured levels of its quota alerts once per level and period.
 */
@Component
class CostEvents {

  private final CostAlerts alerts;

  CostEvents(CostAlerts alerts) {
    this.alerts = alerts;
  }

  CompletableFuture<EventOutcome> snapshot(ValidatedEvent event) {
    return alerts
        .arrived(event.dataAs(CostSnapshot.class), event.id(), event.time())
        .thenApply(
            verdict ->
                switch (verdict) {
                  case SENT -> EventOutcome.ACCEPTED;
                  case ALREADY_TOLD -> EventOutcome.SUPPRESSED;
                  case FILTERED -> EventOutcome.FILTERED;
                });
  }
}
