package dev.notifier.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Rows written on one thread, in batches: rows of different targets share one round trip and one
 * commit, which is most of what the database costs at full speed. Whoever adds a row waits on its
 * own future, which {@link #write} completes. It stops after the lanes and the listeners (a lower
 * phase), so the rows they finished are written before the database pool closes.
 */
abstract class BatchedRows<R> implements SmartLifecycle {

  private static final int MAX_BATCH = 500;

  private final BlockingQueue<R> queue = new LinkedBlockingQueue<>();
  private final String threadName;
  private volatile boolean running;
  private volatile @Nullable Thread writer;

  BatchedRows(String threadName) {
    this.threadName = threadName;
  }

  void enqueue(R row) {
    queue.add(row);
  }

  /** Writes the batch and completes each row's future, however the write ends. */
  abstract void write(List<R> batch);

  private void writeUntilStopped() {
    List<R> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        R first = queue.poll(100, TimeUnit.MILLISECONDS);
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

  @Override
  public void start() {
    running = true;
    writer = Thread.ofPlatform().name(threadName).daemon().start(this::writeUntilStopped);
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
