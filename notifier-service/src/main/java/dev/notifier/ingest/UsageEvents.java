package dev.notifier.ingest;

import dev.notifier.events.UsageRecorded;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.usage.UsageRollups;
import org.springframework.stereotype.Component;

/**
 * Usage is not announced one request at a time: it feeds the roll-ups behind leaderboards and
 * reports.
 */
@Component
class UsageEvents {

  private final UsageRollups rollups;

  UsageEvents(UsageRollups rollups) {
    this.rollups = rollups;
  }

  Outcome recorded(ValidatedEvent event) {
    return rollups.record(event.dataAs(UsageRecorded.class))
        ? Outcome.ACCEPTED
        : Outcome.SUPPRESSED;
  }
}
