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
import java.util.function.Function;
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

  private final ConcurrentHashMap<Long, Tail> tails = new ConcurrentHashMap<>();
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
   * Where a lane's work may overlap the work before it: everything up to the send (reading the log,
   * the bindings, the quota) runs while the previous delivery's row is still being written; {@link
   * #await} holds the send itself until that row is in, so a crash can still repeat only the one
   * message in flight. {@link #pass} tells the lane the send is over, so the next work may start
   * preparing.
   */
  static final class Gate {

    private final CompletableFuture<?> previousDone;
    private final CompletableFuture<Void> passed = new CompletableFuture<>();
    private volatile Runnable onOpen = () -> {};

    private Gate(CompletableFuture<?> previousDone) {
      this.previousDone = previousDone;
    }

    /** Waits until the target's previous work is done (its failure is its own). */
    void await() {
      try {
        previousDone.handle((ok, e) -> null).join();
      } catch (java.util.concurrent.CancellationException e) {
        // the previous work was cancelled: nothing to wait for
      }
      onOpen.run();
    }

    /** Runs {@code action} when the work gets past the gate, that is, when its send begins. */
    void onOpen(Runnable action) {
      this.onOpen = action;
    }

    void pass() {
      passed.complete(null);
    }
  }

  /** The last work handed to a target's lane: when it passed its send, and when it was done. */
  private record Tail(CompletableFuture<Void> passed, CompletableFuture<Void> done) {}

  /**
   * Starts {@code work} once the work submitted earlier for the same target has passed its send;
   * {@code work} awaits the {@link Gate} before sending. The returned future completes when {@code
   * ack} does (or with what it failed with), once everything the calling consumer thread handed out
   * has been acknowledged (see {@link Batch}). {@code ack} may complete before the work is done: a
   * delivery moved to the held store no longer holds its record.
   */
  CompletableFuture<Void> submit(
      long targetId, CompletableFuture<Void> ack, Function<Gate, CompletableFuture<Void>> work) {
    Batch batch = batches.computeIfAbsent(Thread.currentThread(), t -> new Batch());
    CompletableFuture<Void> released = batch.enter();
    Tail tail =
        tails.compute(
            targetId,
            (id, previous) -> {
              Gate gate =
                  new Gate(
                      previous == null ? CompletableFuture.completedFuture(null) : previous.done());
              CompletableFuture<Void> done =
                  (previous == null
                          ? CompletableFuture.<Void>completedFuture(null)
                          : previous.passed())
                      .thenComposeAsync(ignored -> run(work, gate), pool);
              // work that ends without saying (it threw, or sent nothing) has passed all the same
              done.whenComplete((ok, e) -> gate.pass());
              return new Tail(gate.passed, done);
            });
    tail.done().whenComplete((ok, e) -> tails.remove(targetId, tail));
    ack.whenComplete((ok, e) -> batch.leave(released, e));
    return released;
  }

  /** Work done in one piece: it starts once the target's previous work is done. */
  CompletableFuture<Void> submit(long targetId, Supplier<CompletableFuture<Void>> work) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    return submit(
        targetId,
        ack,
        gate -> {
          gate.await();
          return run(g -> work.get(), gate)
              .whenComplete(
                  (ok, e) -> {
                    if (e == null) {
                      ack.complete(null);
                    } else {
                      ack.completeExceptionally(e);
                    }
                  });
        });
  }

  private static CompletableFuture<Void> run(
      Function<Gate, CompletableFuture<Void>> work, Gate gate) {
    try {
      return work.apply(gate);
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
