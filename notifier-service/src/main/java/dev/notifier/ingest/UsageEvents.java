package dev.notifier.ingest;

import dev.notifier.events.UsageRecorded;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ops.EventOutcome;
import dev.notifier.usage.UsageBatches;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Usage is not announced one request at a time: it feeds the roll-ups behind leaderboards and
 * reports, written a poll at a time ({@link UsageBatches}).
 */
@Component
class UsageEvents {

  private final UsageBatches batches;

  UsageEvents(UsageBatches batches) {
    this.batches = batches;
  }

  CompletableFuture<EventOutcome> recorded(ValidatedEvent event) {
    return batches
        .add(event.dataAs(UsageRecorded.class))
        .thenApply(counted -> counted ? EventOutcome.ACCEPTED : EventOutcome.SUPPRESSED);
  }
}
