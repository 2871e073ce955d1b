package dev.notifier.ingest;

import dev.notifier.base.Faults;
import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ops.EventOutcome;
import dev.notifier.ops.NotifierMetrics;
import dev.notifier.ops.RetryingRecords;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
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

  private static final String CONSUMER = "ingest";
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final EventValidator validator;
  private final EventDeadLetters deadLetters;
  private final NotifierMetrics metrics;
  private final BreakerEvents breakers;
  private final CostEvents costs;
  private final UsageEvents usage;
  private final RetryingRecords retrying;

  EventsListener(
      EventValidator validator,
      EventDeadLetters deadLetters,
      NotifierMetrics metrics,
      BreakerEvents breakers,
      CostEvents costs,
      UsageEvents usage,
      RetryingRecords retrying) {
    this.retrying = retrying;
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
      concurrency = "${notifier.events.concurrency:6}",
      // a poll's usage events are written in one transaction: see UsageBatches
      properties = "max.poll.records:${notifier.events.max-poll-records:1000}")
  CompletableFuture<Void> onEvent(ConsumerRecord<String, byte[]> record) {
    try {
      return process(record).thenRun(() -> retrying.settled(CONSUMER, record));
    } catch (RuntimeException e) {
      if (Faults.isTransient(e)) {
        throw e; // retried in place, pausing the partition: see IngestConfiguration
      }
      // Thrown from here, the container would dead-letter it but wait forever for its
      // acknowledgement (this listener's offsets complete asynchronously), stopping the partition.
      deadLetters.publish(record, e);
      metrics.event(NotifierMetrics.UNKNOWN_TYPE, EventOutcome.INVALID);
      retrying.settled(CONSUMER, record);
      return DONE;
    }
  }

  private CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record) {
    ValidatedEvent event;
    try {
      if (record.value() == null) {
        throw new InvalidEventException(
            InvalidEventException.Reason.MALFORMED_JSON, "empty record (tombstone)");
      }
      event = validator.validate(record.value(), cloudEventHeaders(record));
    } catch (InvalidEventException e) {
      deadLetters.publish(record, e.reason().label(), String.valueOf(e.getMessage()));
      metrics.event(
          e.type() == null ? NotifierMetrics.UNKNOWN_TYPE : e.type().wireName(),
          EventOutcome.INVALID);
      return DONE;
    }
    CompletableFuture<EventOutcome> outcome =
        switch (event.type()) {
          case BREAKER_OPENED_V1 -> breakers.opened(event);
          case BREAKER_CLOSED_V1 -> breakers.closed(event);
          case COST_SNAPSHOT_V1 -> costs.snapshot(event);
          case USAGE_RECORDED_V1 -> usage.recorded(event);
        };
    return outcome
        .thenAccept(o -> metrics.event(event.type().wireName(), o))
        .exceptionally(e -> refusedData(record, event, e));
  }

  /**
   * A refusal of the event's data that came after the listener returned (a usage batch written
   * later): dead-lettered here, before the offset is committed, as the listener does with one it
   * meets itself. Left to the container, it would depend on when the paused consumer next looks at
   * its failures. Anything else fails the record as before.
   */
  private @Nullable Void refusedData(
      ConsumerRecord<String, byte[]> record, ValidatedEvent event, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    if (!Faults.isDataError(cause)) {
      throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }
    deadLetters.publish(record, cause);
    metrics.event(event.type().wireName(), EventOutcome.INVALID);
    return null;
  }

  /**
   * The headers the CloudEvents Kafka binding gives meaning to: {@code content-type} and {@code
   * ce_*}. Most records carry none, and then this costs nothing.
   */
  private static Map<String, String> cloudEventHeaders(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = Map.of();
    for (Header h : record.headers()) {
      String name = h.key();
      if (h.value() != null
          && (name.equalsIgnoreCase("content-type") || name.regionMatches(true, 0, "ce_", 0, 3))) {
        if (headers.isEmpty()) {
          headers = new HashMap<>();
        }
        // the binding gives each attribute one header; should one come twice, the last wins
        headers.put(name, new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return headers;
  }
}
