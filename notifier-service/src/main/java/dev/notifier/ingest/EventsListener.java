package dev.notifier.ingest;

import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ops.NotifierMetrics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads notifier.events. An invalid event is dead-lettered at once and the partition moves on; a
 * valid one is handed to its type's handling. The returned future completes when the event's
 * delivery tasks are on the broker, and only then is its offset committed; meanwhile the consumer
 * goes on with the next event. Exceptions thrown (or futures failed) from here are infrastructure
 * trouble: see {@link IngestConfiguration} for how they pause the partition instead of losing the
 * event.
 */
@Component
class EventsListener {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final EventValidator validator;
  private final EventDeadLetters deadLetters;
  private final NotifierMetrics metrics;
  private final BreakerEvents breakers;
  private final CostEvents costs;
  private final UsageEvents usage;

  EventsListener(
      EventValidator validator,
      EventDeadLetters deadLetters,
      NotifierMetrics metrics,
      BreakerEvents breakers,
      CostEvents costs,
      UsageEvents usage) {
    this.validator = validator;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.breakers = breakers;
    this.costs = costs;
    this.usage = usage;
  }

  @KafkaListener(
      id = "ingest",
      topics = "${notifier.topics.events}",
      groupId = "${notifier.consumer-group-prefix:notifier}-ingest",
      containerFactory = "ingestListenerFactory",
      concurrency = "${notifier.events.concurrency:2}")
  CompletableFuture<Void> onEvent(ConsumerRecord<String, byte[]> record) {
    ValidatedEvent event;
    try {
      if (record.value() == null) {
        throw new InvalidEventException(
            InvalidEventException.Reason.MALFORMED_JSON, "empty record (tombstone)");
      }
      event = validator.validate(record.value());
    } catch (InvalidEventException e) {
      deadLetters.publish(record, e.reason().label(), e.getMessage());
      metrics.event(NotifierMetrics.UNKNOWN_TYPE, "invalid");
      return DONE;
    }
    CompletableFuture<Outcome> outcome =
        switch (event.type()) {
          case BREAKER_OPENED_V1 -> breakers.opened(event);
          case BREAKER_CLOSED_V1 -> breakers.closed(event);
          case COST_SNAPSHOT_V1 -> costs.snapshot(event);
          case USAGE_RECORDED_V1 -> usage.recorded(event).now();
        };
    return outcome.thenAccept(o -> metrics.event(event.type().wireName(), o.label()));
  }
}
