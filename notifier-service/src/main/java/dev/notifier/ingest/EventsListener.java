package dev.notifier.ingest;

import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ops.NotifierMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads notifier.events. An invalid event is dead-lettered at once and the partition moves on; a
 * valid one is handed to its type's handling. Exceptions thrown from here are infrastructure
 * trouble: see {@link IngestConfiguration} for how they pause the partition instead of losing the
 * event.
 */
@Component
class EventsListener {

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
  void onEvent(ConsumerRecord<String, byte[]> record) {
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
      return;
    }
    Outcome outcome =
        switch (event.type()) {
          case BREAKER_OPENED_V1 -> breakers.opened(event);
          case BREAKER_CLOSED_V1 -> breakers.closed(event);
          case COST_SNAPSHOT_V1 -> costs.snapshot(event);
          case USAGE_RECORDED_V1 -> usage.recorded(event);
        };
    metrics.event(event.type().wireName(), outcome.label());
  }
}
