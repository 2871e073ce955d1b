package dev.notifier.delivery;

import dev.notifier.base.Outages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records successful deliveries in batches: rows of different targets share one round trip and one
 * commit, which is most of what the database costs at full speed. A target's next send waits for
 * its previous row (the returned future), so a crash can repeat at most the one message in flight
 * per target; and a record's offset is committed only once its row is written.
 *
 * <p>Rows not yet written are remembered, so a duplicate task arriving meanwhile is still seen as
 * delivered. It stops after the lanes (lower phase) so their last rows are written before the
 * database pool closes.
 */
@Component
class DeliveredRows implements SmartLifecycle {

  private static final int MAX_BATCH = 500;

  private final BlockingQueue<DeliveryLog.Delivered> queue = new LinkedBlockingQueue<>();
  private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
  private final DeliveryLog log;
  private volatile boolean running;
  private volatile @Nullable Thread writer;
  private final Outages outages;

  DeliveredRows(DeliveryLog log, Outages outages) {
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
    queue.add(row);
    return row.written();
  }

  boolean isDelivered(String notificationId, long targetId) {
    return unwritten.contains(key(notificationId, targetId))
        || log.isDelivered(notificationId, targetId);
  }

  private void writeUntilStopped() {
    List<DeliveryLog.Delivered> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        DeliveryLog.Delivered first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<DeliveryLog.Delivered> batch) {
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

  @Override
  public void start() {
    running = true;
    writer =
        Thread.ofPlatform().name("delivery-log-writer").daemon().start(this::writeUntilStopped);
  }

  @Override
  public void stop() {
    running = false;
    Thread w = writer;
    if (w == null) {
      return;
    }
    try {
      w.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Below {@link TargetLanes}, so it stops after them and writes what they finished. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2000;
  }
}
