package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.channel.FailureReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes what became of deliveries: the delivery log's rows and attempts, and the metrics (held
 * rows are {@link HeldRows}'). Database calls wait out an outage ({@link Outages}): a delivery in a
 * lane pauses rather than fails, so nothing done is done twice and nothing waiting is lost.
 */
@Component
class DeliveryRecords {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRecords.class);

  private final DeliveredRows deliveredRows;
  private final DeliveryLog deliveryLog;
  private final DeliveryMetrics metrics;
  private final Outages outages;

  DeliveryRecords(
      DeliveredRows deliveredRows,
      DeliveryLog deliveryLog,
      DeliveryMetrics metrics,
      Outages outages) {
    this.deliveredRows = deliveredRows;
    this.deliveryLog = deliveryLog;
    this.metrics = metrics;
    this.outages = outages;
  }

  /** Whether the log already marks this pair delivered (a redelivery, a replay). */
  boolean alreadyDelivered(DeliveryTask task) {
    return outages.waitOut(
        "delivery log", () -> deliveredRows.isDelivered(task.notificationId(), task.targetId()));
  }

  /**
   * Records a success, one future per task that completes once its row is written (a target's next
   * send waits for it, so a crash can repeat at most the one message in flight).
   */
  List<CompletableFuture<Void>> delivered(
      String channel, List<DeliveryTask> tasks, Deliverer.Result result) {
    metrics.delivered(
        channel, result.elapsed(), tasks.stream().map(DeliveryTask::createdAt).toList());
    List<CompletableFuture<Void>> rows = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      rows.add(
          deliveredRows.add(
              task, channel, result.attempts(), result.elapsed().toMillis(), result.tries()));
    }
    return rows;
  }

  /**
   * Records a failure of each task as {@code status} (failed, or held when it will be tried again
   * from the held store), with each attempt made ({@code tries}) in the deliveries history, and
   * returns, per task, the attempts made so far across every round.
   */
  List<Integer> failed(
      String channel,
      List<DeliveryTask> tasks,
      DeliveryStatus status,
      FailureReason reason,
      String detail,
      int attempts,
      List<Deliverer.Attempt> tries) {
    List<Integer> sofar = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      outages.waitOut("delivery log", () -> deliveryLog.recordAttempts(task, channel, tries));
      sofar.add(
          outages.waitOut(
              "delivery log",
              () ->
                  deliveryLog.record(
                      task, channel, status, attempts, reason.label(), detail, null)));
    }
    log.warn(
        "delivery of {} to target {} ({}) failed: {} {}",
        tasks.size() == 1 ? tasks.getFirst().notificationId() : tasks.size() + " deliveries",
        tasks.getFirst().targetId(),
        channel,
        reason.label(),
        detail);
    return sofar;
  }

  /** Records that the task was rightly not sent (a redelivery of a delivered one: counted only). */
  void skipped(DeliveryTask task, SkipReason reason, String channel) {
    if (reason != SkipReason.ALREADY_DELIVERED) {
      outages.waitOut(
          "delivery log",
          () ->
              deliveryLog.record(
                  task, channel, DeliveryStatus.SKIPPED, 0, reason.label(), null, null));
    }
    metrics.skipped(channel, reason);
  }
}
