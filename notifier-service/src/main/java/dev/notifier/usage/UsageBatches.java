package dev.notifier.usage;

import dev.notifier.base.Faults;
import dev.notifier.base.Outages;
import dev.notifier.events.UsageRecorded;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Gathers usage events into batches, one transaction each: the consumers hand over a poll's usage
 * events one by one and say when the poll is done ({@link #pollEnded}); a writer thread then writes
 * what is waiting (up to {@code notifier.usage.batch-size}) with two statements. Each event's
 * future completes when its batch is committed, so its offset is committed only after its effect is
 * stored; meanwhile the consumer is not blocked.
 *
 * <p>A database outage is waited out with the batch in hand (the partition's next poll waits for
 * it): nothing is dropped. A batch the database refuses for its data is written again event by
 * event, so only the event that carries the bad value fails (and is dead-lettered as {@code
 * data_error}); the others count.
 */
@Component
public class UsageBatches implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UsageBatches.class);

  private record Pending(UsageRecorded usage, CompletableFuture<Boolean> counted) {}

  private final UsageRollups rollups;
  private final UsageProperties properties;
  private final DistributionSummary batchRows;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object signal = new Object();
  private boolean pollEnded;
  private volatile @Nullable Thread writer;
  private volatile boolean stopping;
  private final Outages outages;

  UsageBatches(
      UsageRollups rollups, UsageProperties properties, MeterRegistry registry, Outages outages) {
    this.outages = outages;
    this.rollups = rollups;
    this.properties = properties;
    this.batchRows =
        DistributionSummary.builder("notifier.usage.batch.events")
            .description("Usage events written to the roll-ups per transaction")
            .register(registry);
  }

  /** Completes with true when the request was counted now, false when it had been before. */
  public CompletableFuture<Boolean> add(UsageRecorded usage) {
    CompletableFuture<Boolean> counted = new CompletableFuture<>();
    queue.add(new Pending(usage, counted));
    if (queue.size() >= properties.batchSize()) {
      pollEnded();
    }
    return counted;
  }

  /** A consumer has handed over its whole poll: write what is waiting without lingering. */
  public void pollEnded() {
    synchronized (signal) {
      pollEnded = true;
      signal.notifyAll();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted() && !(stopping && queue.isEmpty())) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        awaitRestOfPoll();
        queue.drainTo(batch, properties.batchSize() - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        // the writer must outlive anything one batch does: a dead writer would stall every
        // partition's next poll for good. The batch's records fail and are retried or
        // dead-lettered by the container.
        log.error("usage writer: a batch failed unexpectedly", e);
        batch.forEach(p -> p.counted().completeExceptionally(e));
      } finally {
        // whatever was not settled (an interrupt mid-write) is retried by the record's next owner
        batch.forEach(p -> p.counted().completeExceptionally(stopped()));
        batch.clear();
      }
    }
  }

  /**
   * Waits until a consumer says its poll is handed over, the batch is full, or the linger ends (a
   * poll that never says so is still written).
   */
  private void awaitRestOfPoll() throws InterruptedException {
    long deadline = System.nanoTime() + properties.linger().toNanos();
    synchronized (signal) {
      while (!pollEnded && queue.size() + 1 < properties.batchSize()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
      pollEnded = false;
    }
  }

  private void write(List<Pending> batch) {
    batch.removeIf(this::refusedAlone);
    if (batch.isEmpty()) {
      return;
    }
    List<UsageRecorded> usages = batch.stream().map(Pending::usage).toList();
    try {
      Set<String> counted =
          new HashSet<>(outages.waitOut("usage roll-ups", () -> rollups.recordAll(usages)));
      batchRows.record(batch.size());
      // a request id twice in one batch: its first copy counted, the second is a repeat
      batch.forEach(p -> p.counted().complete(counted.remove(p.usage().requestId())));
    } catch (RuntimeException e) {
      if (Faults.isDataError(e) && batch.size() > 1) {
        log.warn(
            "a usage batch of {} was refused for its data; writing its events one by one",
            batch.size());
        for (Pending p : batch) {
          write(new ArrayList<>(List.of(p)));
        }
      } else {
        batch.forEach(p -> p.counted().completeExceptionally(e));
      }
    }
    batch.clear();
  }

  /**
   * Fails, as the database would (SQLSTATE 22021, a data error: dead-lettered, never retried), an
   * event whose text cannot be stored, whatever else is in its batch.
   */
  private boolean refusedAlone(Pending p) {
    String why = UsageRollups.unstorable(p.usage());
    if (why == null) {
      return false;
    }
    p.counted()
        .completeExceptionally(
            new DataIntegrityViolationException(why, new java.sql.SQLException(why, "22021")));
    return true;
  }

  @Override
  public void start() {
    Thread t = new Thread(this::run, "usage-writer");
    t.setDaemon(true);
    t.start();
    writer = t;
  }

  /**
   * Writes what was handed over (the consumers have stopped by now), for as long as the shutdown
   * allows; what is left then stays uncommitted on the topic for the next owner.
   */
  @Override
  public void stop() {
    Thread t = writer;
    writer = null;
    stopping = true;
    pollEnded();
    if (t != null) {
      try {
        t.join(properties.shutdownWait().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      t.interrupt();
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.counted().completeExceptionally(stopped());
    }
  }

  /**
   * Not written, through no fault of the event: a transient failure, which the container retries
   * and never dead-letters (see {@link Faults#isTransient}).
   */
  private static RuntimeException stopped() {
    return new TransientDataAccessResourceException("usage writer stopped before writing this");
  }

  @Override
  public boolean isRunning() {
    return writer != null;
  }

  /** Stopped after the listener containers (which stop at Integer.MAX_VALUE - 100). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
