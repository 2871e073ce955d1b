package dev.notifier.delivery;

import dev.notifier.base.Outages;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Records successful deliveries in batches ({@link BatchedRows}). A target's next send waits for
 * its previous row (the returned future), so a crash can repeat at most the one message in flight
 * per target; and a record's offset is committed only once its row is written.
 *
 * <p>Rows not yet written are remembered, so a duplicate task arriving meanwhile is still seen as
 * delivered.
 */
@Component
class DeliveredRows extends BatchedRows<DeliveryLog.Delivered> {

  private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
  private final DeliveryLog log;
  private final Outages outages;

  DeliveredRows(DeliveryLog log, Outages outages) {
    super("delivery-log-writer");
    this.outages = outages;
    this.log = log;
  }

  CompletableFuture<Void> add(
      DeliveryTask task,
      String channel,
      int attempts,
      long latencyMs,
      List<Deliverer.Attempt> tries) {
    DeliveryLog.Delivered row =
        new DeliveryLog.Delivered(
            task, channel, attempts, latencyMs, tries, new CompletableFuture<>());
    unwritten.add(key(task.notificationId(), task.targetId()));
    enqueue(row);
    return row.written();
  }

  boolean isDelivered(String notificationId, long targetId) {
    return unwritten.contains(key(notificationId, targetId))
        || log.isDelivered(notificationId, targetId);
  }

  @Override
  void write(List<DeliveryLog.Delivered> batch) {
    try {
      // An outage is waited out with the rows in hand: their messages were delivered, and failing
      // them would have the records redelivered and the messages sent again.
      outages.waitOut("delivery log writer", () -> log.recordDelivered(batch));
      batch.forEach(row -> row.written().complete(null));
    } catch (RuntimeException e) {
      // The database refuses the rows themselves (or we are stopping): the records stay
      // uncommitted and are retried, which may send again, as a crash between send and write
      // would.
      batch.forEach(row -> row.written().completeExceptionally(e));
    } finally {
      batch.forEach(
          row -> unwritten.remove(key(row.task().notificationId(), row.task().targetId())));
    }
  }

  private static String key(String notificationId, long targetId) {
    return targetId + "/" + notificationId;
  }
}
