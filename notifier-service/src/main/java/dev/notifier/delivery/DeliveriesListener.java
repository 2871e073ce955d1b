package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.binding.BindingSnapshot;
import dev.notifier.channel.FailureReason;
import dev.notifier.ops.RetryingRecords;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes delivery tasks off the deliveries topic (and its retry topics) and runs each through the
 * {@link DeliveryPipeline} in its target's lane. What is left of a failure goes back to Kafka: the
 * returned future fails, and the retry topics take it from there. A task that outlives its time
 * budget is let go to the held store ({@link Flights}); how it ends is then settled here, as a held
 * delivery's would be.
 */
@Component
class DeliveriesListener {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final JsonMapper json;
  private final DeliveryPipeline pipeline;
  private final DeliveryRecords records;
  private final Flights flights;
  private final HeldDeliveries held;
  private final HeldRows heldRows;
  private final DeadLetters deadLetters;
  private final DeliveryProperties.RetryTopics schedule;
  private final RetryingRecords retrying;
  private final Outages outages;

  DeliveriesListener(
      JsonMapper json,
      DeliveryPipeline pipeline,
      DeliveryRecords records,
      Flights flights,
      HeldDeliveries held,
      HeldRows heldRows,
      DeadLetters deadLetters,
      DeliveryProperties properties,
      RetryingRecords retrying,
      Outages outages) {
    this.outages = outages;
    this.retrying = retrying;
    this.json = json;
    this.pipeline = pipeline;
    this.records = records;
    this.flights = flights;
    this.held = held;
    this.heldRows = heldRows;
    this.deadLetters = deadLetters;
    this.schedule = properties.retryTopics();
  }

  @KafkaListener(
      id = "deliveries",
      topics = "${notifier.topics.deliveries}",
      groupId = "${notifier.consumer-group-prefix:notifier}-deliveries",
      concurrency = "${notifier.delivery.concurrency:6}")
  CompletableFuture<Void> onTask(ConsumerRecord<String, byte[]> record) {
    DeliveryTask task;
    try {
      task = json.readValue(record.value(), DeliveryTask.class);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new DeliveryFailedException.Permanent(
              FailureReason.MALFORMED_TASK,
              "unknown",
              0,
              "unreadable delivery task: " + e.getClass().getSimpleName()));
    }
    BindingSnapshot config = pipeline.snapshot();
    Verdict early = pipeline.beforeLane(task, config);
    if (early != null) {
      CompletableFuture<Void> done = route(task, early);
      retrying.settled("deliveries", record);
      return done;
    }
    return flights
        .submit(
            task,
            Planner.channelOf(config, task.targetId()),
            (t, gate) -> route(t, pipeline.deliver(t, failedRounds(record), gate, config)),
            this::settleHeld)
        .thenRun(() -> retrying.settled("deliveries", record));
  }

  /**
   * How many rounds the task has failed: none off the deliveries topic; on a retry topic, one fewer
   * than the attempt the retry topics count in their header (a big-endian integer, as they write
   * it).
   */
  static int failedRounds(ConsumerRecord<String, byte[]> record) {
    Header attempts = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
    if (attempts == null || attempts.value() == null || attempts.value().length == 0) {
      return 0;
    }
    return Math.max(0, new BigInteger(attempts.value()).intValue() - 1);
  }

  /** Routes the pipeline's verdict: committed, held, or thrown to the retry topics or the DLT. */
  private CompletableFuture<Void> route(DeliveryTask task, Verdict verdict) {
    return switch (verdict) {
      case Verdict.Delivered d -> d.recorded();
      case Verdict.Skipped s -> DONE;
      case Verdict.Held h -> heldRows.add(task, h.channel(), h.reason(), h.until());
      case Verdict.RetryLater r -> throw r.why();
      case Verdict.DeadLetter d -> throw d.why();
    };
  }

  /**
   * A delivery let go to the held store while it was being sent has ended: delivered, it leaves the
   * store; failed for now, it waits there for the retry topics' next delay (as a held delivery's
   * failed digest would); failed for good, it is dead-lettered. Anything else (a shutdown) leaves
   * it held, to be sent again when its lease ends.
   */
  private void settleHeld(DeliveryTask task, @Nullable Throwable failure) {
    String n = task.notificationId();
    long t = task.targetId();
    if (failure == null) {
      // Done is not delivered: the delivery may have found its target over its quota and stayed
      // held. Only what the log calls delivered leaves the store; the rest is let go of, for a
      // digest to decide as it would for any held delivery.
      if (records.alreadyDelivered(task)) {
        outages.waitOut("held deliveries", () -> held.settle(n, t));
      } else {
        outages.waitOut("held deliveries", () -> held.release(n, t));
      }
    } else if (failure instanceof DeliveryFailedException.Retryable retryable) {
      int failures = outages.waitOut("held deliveries", () -> held.failures(n, t)) + 1;
      Duration delay = schedule.delayAfter(failures);
      if (delay == null) {
        deadLetters.publish(
            List.of(task),
            List.of(
                new DeliveryFailedException.Exhausted(
                    retryable.reason(),
                    retryable.channel(),
                    retryable.attempts(),
                    String.valueOf(retryable.getMessage()))));
        outages.waitOut("held deliveries", () -> held.settle(n, t));
      } else {
        outages.waitOut("held deliveries", () -> held.retryAfter(n, t, delay));
      }
    } else if (failure instanceof DeliveryFailedException.Permanent permanent) {
      deadLetters.publish(List.of(task), List.of(permanent));
      outages.waitOut("held deliveries", () -> held.settle(n, t));
    }
  }
}
