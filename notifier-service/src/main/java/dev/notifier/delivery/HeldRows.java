package dev.notifier.delivery;

import dev.notifier.base.Outages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds tasks off the topic in batches ({@link BatchedRows}): each held row and its delivery-log
 * row in one transaction, many tasks to a commit. A target that fails everything (a 429 to every
 * request, a receiver that never answers) has every one of its tasks held; written one by one, on
 * the consumer's thread, two statements each, they held up the healthy targets' deliveries on the
 * same partitions. The record's offset waits for its future. From the moment a task is added, its
 * target counts as holding ({@link HeldDeliveries#expect}), so the target's later tasks queue
 * behind it.
 */
@Component
class HeldRows extends BatchedRows<HeldRows.Row> {

  record Row(
      DeliveryTask task,
      String taskJson,
      String channel,
      HoldReason reason,
      @Nullable Instant notBefore,
      @Nullable Duration lease,
      CompletableFuture<Void> written) {}

  private final HeldDeliveries held;
  private final DeliveryLog log;
  private final DeliveryMetrics metrics;
  private final JsonMapper json;
  private final TransactionTemplate transaction;
  private final Outages outages;

  HeldRows(
      HeldDeliveries held,
      DeliveryLog log,
      DeliveryMetrics metrics,
      JsonMapper json,
      PlatformTransactionManager transactions,
      Outages outages) {
    super("held-rows-writer");
    this.held = held;
    this.log = log;
    this.metrics = metrics;
    this.json = json;
    this.transaction = new TransactionTemplate(transactions);
    this.outages = outages;
  }

  /** Holds the task, not before {@code notBefore} when given; completes once it is written. */
  CompletableFuture<Void> add(
      DeliveryTask task, String channel, HoldReason reason, @Nullable Instant notBefore) {
    return add(task, channel, reason, notBefore, null);
  }

  /**
   * The same, for a task still being sent: under a lease, so that nobody sends it meanwhile and a
   * crash before it ends cannot lose it.
   */
  CompletableFuture<Void> add(
      DeliveryTask task,
      String channel,
      HoldReason reason,
      @Nullable Instant notBefore,
      @Nullable Duration lease) {
    Row row =
        new Row(
            task,
            json.writeValueAsString(task),
            channel,
            reason,
            notBefore,
            lease,
            new CompletableFuture<>());
    held.expect(task.targetId());
    enqueue(row);
    return row.written();
  }

  @Override
  void write(List<Row> batch) {
    try {
      // Failing these would only have their records redelivered and held again; waiting the
      // outage out keeps their order.
      outages.waitOut(
          "held deliveries writer",
          () ->
              transaction.executeWithoutResult(
                  status -> {
                    held.holdAll(batch);
                    log.recordHeld(batch);
                  }));
      batch.forEach(row -> metrics.held(row.channel(), row.reason(), 1));
      batch.forEach(row -> row.written().complete(null));
    } catch (RuntimeException e) {
      batch.forEach(row -> row.written().completeExceptionally(e));
    } finally {
      batch.forEach(row -> held.arrived(row.task().targetId()));
    }
  }
}
