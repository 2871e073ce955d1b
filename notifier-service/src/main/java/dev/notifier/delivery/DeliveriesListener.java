package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.ops.RetryingRecords;
import dev.notifier.routing.Mute;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes delivery tasks off the deliveries topic (and its retry topics) and runs each through the
 * {@link DeliveryStage} in its target's lane. What is left of a failure goes back to Kafka: the
 * returned future fails, and the retry topics take it from there. A task that outlives its time
 * budget is let go to the held store ({@link Flights}); how it ends is then settled here, as a held
 * delivery's would be.
 */
@Component
class DeliveriesListener {

  private final Outages outages;

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final JsonMapper json;
  private final DeliveryStage stage;
  private final Flights flights;
  private final HeldDeliveries held;
  private final DeadLetters deadLetters;
  private final DeliveryProperties.RetryTopics schedule;
  private final RetryingRecords retrying;

  DeliveriesListener(
      JsonMapper json,
      DeliveryStage stage,
      Flights flights,
      HeldDeliveries held,
      DeadLetters deadLetters,
      DeliveryProperties properties,
      RetryingRecords retrying,
      Outages outages) {
    this.outages = outages;
    this.retrying = retrying;
    this.json = json;
    this.stage = stage;
    this.flights = flights;
    this.held = held;
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
    return flights
        .submit(task, this::deliver, this::settleHeld)
        .thenRun(() -> retrying.settled("deliveries", record));
  }

  private CompletableFuture<Void> deliver(DeliveryTask task, TargetLanes.Gate gate) {
    if (stage.alreadyDelivered(task)) {
      stage.skipped(
          List.of(task),
          new DeliveryStage.Skip(SkipReason.ALREADY_DELIVERED, stage.channelOf(task.targetId())));
      return DONE;
    }
    if (stage.switchedOff(task)) {
      stage.skipped(
          List.of(task),
          new DeliveryStage.Skip(SkipReason.SWITCHED_OFF, stage.channelOf(task.targetId())));
      return DONE;
    }
    return switch (stage.plan(task.targetId())) {
      case DeliveryStage.Skip skip -> {
        stage.skipped(List.of(task), skip);
        yield DONE;
      }
      case DeliveryStage.Refuse refuse -> {
        int attempts =
            stage
                .failed(
                    refuse.channel(),
                    List.of(task),
                    DeliveryStatus.FAILED,
                    refuse.reason(),
                    refuse.detail(),
                    0)
                .getFirst();
        throw new DeliveryFailedException.Permanent(
            refuse.reason(), refuse.channel(), attempts, refuse.detail());
      }
      case DeliveryStage.Go go -> send(task, go, gate);
    };
  }

  private CompletableFuture<Void> send(
      DeliveryTask task, DeliveryStage.Go go, TargetLanes.Gate gate) {
    // The target's previous delivery must be recorded before this one goes out (and its send
    // counted in the quota before this one asks).
    gate.await();
    DeliveryStage.Muted muted = stage.muted(task);
    if (muted != null && muted.action() == Mute.Action.DROP) {
      stage.skipped(List.of(task), new DeliveryStage.Skip(SkipReason.MUTED, go.channel()));
      return DONE;
    }
    if (muted != null) {
      outages.waitOut(
          "held deliveries",
          () -> stage.hold(task, go.channel(), HoldReason.MUTED, null, muted.until()));
      return DONE;
    }
    if (stage.mustWait(go)) {
      // Over the quota, or behind deliveries already held: keep it for a digest.
      outages.waitOut(
          "held deliveries", () -> stage.hold(task, go.channel(), HoldReason.RATE_LIMITED, null));
      return DONE;
    }
    Deliverer.Result result = stage.send(go, task.message(), stage.bound(List.of(task)));
    return switch (result.outcome()) {
      case SendOutcome.Delivered d -> {
        CompletableFuture<Void> written = stage.delivered(go, List.of(task), result);
        // only now may the next delivery to this target ask whether its pair was delivered: the
        // row is known (if not yet written), so a redelivered copy of this one is skipped
        gate.pass();
        yield written;
      }
      case SendOutcome.Failed f -> {
        int attempts =
            stage
                .failed(
                    go.channel(),
                    List.of(task),
                    DeliveryStatus.FAILED,
                    f.reason(),
                    f.detail(),
                    result.attempts(),
                    result.tries())
                .getFirst();
        throw DeliveryFailedException.of(f, go.channel(), attempts);
      }
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
      if (stage.alreadyDelivered(task)) {
        outages.waitOut("held deliveries", () -> held.settle(n, t));
      } else {
        outages.waitOut("held deliveries", () -> held.release(n, t));
      }
    } else if (failure instanceof DeliveryFailedException.Retryable retryable) {
      int failures = outages.waitOut("held deliveries", () -> held.failures(n, t)) + 1;
      Duration delay = schedule.delayAfter(failures);
      if (delay == null) {
        deadLetters.publish(List.of(task), List.of(retryable));
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
