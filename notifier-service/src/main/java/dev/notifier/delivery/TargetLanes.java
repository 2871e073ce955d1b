package dev.notifier.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One lane per target: a target's deliveries run one after another, in the order they were
 * consumed, while different targets are served at the same time by a bounded pool. This is what
 * lets one consumer thread keep many platforms busy without reordering any single chat.
 *
 * <p>It stops after the listener containers (a lower phase stops later) and before the database
 * pool is closed, giving work already started the shutdown grace to finish and record itself.
 */
@Component
class TargetLanes implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TargetLanes.class);

  private final ConcurrentHashMap<Long, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
  // keyed by consumer thread: a handful of long-lived threads
  private final ConcurrentHashMap<Thread, Batch> batches = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final Duration grace;
  private volatile boolean running;

  TargetLanes(
      DeliveryProperties properties,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration grace) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            properties.parallelism(),
            r -> {
              Thread t = new Thread(r, "delivery-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.grace = grace;
  }

  /**
   * Starts {@code work} once the work submitted earlier for the same target is done (the future it
   * returned has completed: the next send to a target waits for the previous one to be recorded).
   * The returned future completes when {@code ack} does (or with what it failed with), once
   * everything the calling consumer thread handed out has been acknowledged (see {@link Batch}).
   * {@code ack} may complete before the work is done: a delivery moved to the held store no longer
   * holds its record.
   */
  CompletableFuture<Void> submit(
      long targetId, CompletableFuture<Void> ack, Supplier<CompletableFuture<Void>> work) {
    Batch batch = batches.computeIfAbsent(Thread.currentThread(), t -> new Batch());
    CompletableFuture<Void> released = batch.enter();
    CompletableFuture<?> done =
        tails.compute(
            targetId,
            (id, tail) ->
                (tail == null ? CompletableFuture.completedFuture(null) : tail)
                    // an earlier failure belongs to its own record, not to this one
                    .handle((ok, e) -> null)
                    .thenComposeAsync(ignored -> run(work), pool));
    done.whenComplete((ok, e) -> tails.remove(targetId, done));
    ack.whenComplete((ok, e) -> batch.leave(released, e));
    return released;
  }

  /** Work whose record is acknowledged when the work is done. */
  CompletableFuture<Void> submit(long targetId, Supplier<CompletableFuture<Void>> work) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    return submit(
        targetId,
        ack,
        () ->
            run(work)
                .whenComplete(
                    (ok, e) -> {
                      if (e == null) {
                        ack.complete(null);
                      } else {
                        ack.completeExceptionally(e);
                      }
                    }));
  }

  private static CompletableFuture<Void> run(Supplier<CompletableFuture<Void>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The listener container keeps a consumer paused until every record of its poll is acknowledged,
   * and it wakes the consumer and commits on each acknowledgement. Releasing a poll's results
   * together costs no latency (the consumer waits for the last one anyway) and turns one offset
   * commit per delivery into about one per poll.
   */
  private static final class Batch {

    private final List<Runnable> held = new ArrayList<>();
    private int inFlight;

    synchronized CompletableFuture<Void> enter() {
      inFlight++;
      return new CompletableFuture<>();
    }

    void leave(CompletableFuture<Void> released, @Nullable Throwable failure) {
      List<Runnable> ready;
      synchronized (this) {
        held.add(
            failure == null
                ? () -> released.complete(null)
                : () -> released.completeExceptionally(unwrap(failure)));
        if (--inFlight > 0) {
          return;
        }
        ready = List.copyOf(held);
        held.clear();
      }
      ready.forEach(Runnable::run);
    }

    private static Throwable unwrap(Throwable failure) {
      return failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
    }
  }

  /** Lanes with work queued or running (tests check that finished lanes are let go). */
  int busyLanes() {
    return tails.size();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "deliveries still running after {}; they stay uncommitted and are re-delivered", grace);
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Below the Kafka listener registry's phase, so the containers stop first. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
