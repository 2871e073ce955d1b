package dev.notifier.delivery;

import dev.notifier.base.Outages;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deliveries taken off the topic and not yet done, per target, and the time budget that keeps a
 * slow target from holding its partition. A poll's offsets wait for all of its deliveries; so a
 * delivery still queued or sending when its budget ends is moved to the held store, and with it
 * every other delivery to the same target, and their records are let go. The one being sent goes on
 * sending (held under a lease, so that a crash cannot lose it and nobody else sends it meanwhile);
 * the others go out later from the held store, in order, as digests. While the target has a
 * delivery sending past its budget, its new deliveries go to the held store at once.
 */
@Component
class Flights implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Flights.class);

  /**
   * What the lane does with a delivery: it awaits the gate before it sends, and its future
   * completes when the delivery is recorded.
   */
  interface Work {
    CompletableFuture<Void> deliver(DeliveryTask task, TargetLanes.Gate gate);
  }

  /** What happens to a delivery whose record was let go before it finished. */
  interface Afterwards {
    void finished(DeliveryTask task, Throwable failure);
  }

  private enum State {
    QUEUED,
    SENDING,
    /** In the held store; the lane skips it. */
    HELD,
    /** Sending, and also in the held store under a lease; its record is let go. */
    SENDING_HELD,
    DONE
  }

  private static final class Flight {
    final DeliveryTask task;

    /** Its target's channel as of the snapshot it was planned with, for the held row's label. */
    final String channel;

    final CompletableFuture<Void> ack = new CompletableFuture<>();

    /**
     * Its held row written, once it is parked; its end is settled only after that. Set and read
     * with its line locked.
     */
    CompletableFuture<Void> held = CompletableFuture.completedFuture(null);

    final long queuedAt = System.nanoTime();
    volatile long sendingSince;
    State state = State.QUEUED;

    Flight(DeliveryTask task, String channel) {
      this.task = task;
      this.channel = channel;
    }
  }

  /** A target's flights in the order they came, and how many are sending past their budget. */
  private static final class Line {
    final Deque<Flight> flights = new ArrayDeque<>();
    int sendingHeld;

    /**
     * Its last delivery failed: the target answers, but with errors (a 429 to every request, a
     * 5xx). Its queue then waits no longer than a send may take before it moves to the held store,
     * instead of the queue budget: each of its deliveries would spend its retries in the lane while
     * the partition's other targets wait for them.
     */
    boolean failing;

    boolean backedUp() {
      return sendingHeld > 0;
    }
  }

  private final TargetLanes lanes;
  private final HeldRows heldRows;
  private final long budgetNanos;
  private final long queueBudgetNanos;
  private final Duration lease;
  private final Map<Long, Line> lines = new ConcurrentHashMap<>();
  private volatile @Nullable ScheduledExecutorService timer;
  private final Outages outages;

  Flights(TargetLanes lanes, HeldRows heldRows, DeliveryProperties properties, Outages outages) {
    this.outages = outages;
    this.lanes = lanes;
    this.heldRows = heldRows;
    this.budgetNanos = properties.laneBudget().toNanos();
    this.queueBudgetNanos = properties.laneQueueBudget().toNanos();
    this.lease = properties.throttle().lease();
  }

  /**
   * Runs {@code work} for the task in its target's lane. The returned future completes when the
   * task's record may be committed: the work is done, or the task is safe in the held store. A task
   * let go early reports its end to {@code afterwards} instead.
   */
  CompletableFuture<Void> submit(
      DeliveryTask task, String channel, Work work, Afterwards afterwards) {
    long targetId = task.targetId();
    Flight flight = new Flight(task, channel);
    Line line;
    while (true) {
      line = lines.computeIfAbsent(targetId, id -> new Line());
      synchronized (line) {
        // a line emptied and removed meanwhile is not looked at any more: take the current one
        if (lines.get(targetId) != line) {
          continue;
        }
        if (line.backedUp()) {
          park(line, flight);
          return flight.ack;
        }
        line.flights.addLast(flight);
        break;
      }
    }
    Line joined = line;
    return lanes.submit(targetId, flight.ack, gate -> run(joined, flight, gate, work, afterwards));
  }

  private CompletableFuture<Void> run(
      Line line, Flight flight, TargetLanes.Gate gate, Work work, Afterwards afterwards) {
    synchronized (line) {
      if (flight.state != State.QUEUED) {
        return CompletableFuture.completedFuture(null); // held meanwhile: a digest sends it
      }
      flight.state = State.SENDING;
    }
    // a send's time is counted from when it begins, not while it reads the log or waits for the
    // target's previous row (or for the database to come back)
    gate.onOpen(() -> flight.sendingSince = System.nanoTime());
    CompletableFuture<Void> done;
    try {
      done = work.deliver(flight.task, gate);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    return done.whenComplete((ok, e) -> finish(line, flight, e, afterwards));
  }

  private void finish(Line line, Flight flight, Throwable failure, Afterwards afterwards) {
    State was;
    CompletableFuture<Void> heldRow;
    synchronized (line) {
      was = flight.state;
      heldRow = flight.held;
      flight.state = State.DONE;
      line.flights.remove(flight);
      line.failing = failure != null;
      if (was == State.SENDING_HELD) {
        line.sendingHeld--;
      }
      if (line.flights.isEmpty()) {
        lines.remove(flight.task.targetId(), line);
      }
    }
    if (was == State.SENDING_HELD) {
      // settled after its held row is written, or a settled row could be written after it
      heldRow.whenComplete((written, e) -> afterwards.finished(flight.task, failure));
    } else if (failure == null) {
      flight.ack.complete(null);
    } else {
      flight.ack.completeExceptionally(failure);
    }
  }

  /**
   * Looks at every target with deliveries in flight. One whose delivery has been sending for longer
   * than the budget is hanging or slow: it and everything queued behind it move to the held store.
   * One whose oldest queued delivery has waited longer than the queue budget answers, but too
   * slowly for its queue: what is queued moves to the held store, and the delivery being sent goes
   * on. A burst to a healthy target (a deep queue draining fast) is neither.
   */
  private void sweep() {
    if (outages.ongoing()) {
      return; // every lane waits for the database or the broker; no target is to blame
    }
    long now = System.nanoTime();
    long outageEnded = outages.lastEndNanos();
    lines.forEach(
        (targetId, line) -> {
          synchronized (line) {
            Flight head = line.flights.peekFirst();
            if (head == null) {
              return;
            }
            boolean hanging =
                head.state == State.SENDING
                    && head.sendingSince != 0
                    && now - head.sendingSince > budgetNanos;
            long queueBudget = line.failing ? budgetNanos : queueBudgetNanos;
            boolean slow =
                line.flights.stream()
                    .anyMatch(
                        f ->
                            f.state == State.QUEUED
                                && now - Math.max(f.queuedAt, outageEnded) > queueBudget);
            if (!hanging && !slow) {
              return;
            }
            for (Flight f : List.copyOf(line.flights)) {
              if (f.state == State.SENDING && !hanging) {
                continue;
              }
              park(line, f);
              if (f.state == State.HELD) {
                line.flights.remove(f);
              }
            }
          }
        });
  }

  /**
   * Moves one flight to the held store, and lets its record go once its row is written. The row is
   * written in a batch with others ({@link HeldRows}), off this thread: a target that fails
   * everything has every delivery parked, and one round trip each, on the consumer's thread and
   * under the line's lock, held up the healthy targets' deliveries on the same partitions. From now
   * on its target counts as holding, so its later deliveries queue behind this one. A row that
   * cannot be written fails the record, which the retry topics then bring back. Called with its
   * line locked.
   */
  private void park(Line line, Flight flight) {
    State next =
        switch (flight.state) {
          case QUEUED -> State.HELD;
          case SENDING -> State.SENDING_HELD;
          default -> null;
        };
    if (next == null) {
      return;
    }
    flight.held =
        heldRows.add(
            flight.task,
            flight.channel,
            HoldReason.LANE_BUSY,
            null,
            next == State.SENDING_HELD ? lease : null);
    flight.state = next;
    if (next == State.SENDING_HELD) {
      line.sendingHeld++;
    }
    flight.held.whenComplete(
        (written, e) -> {
          if (e == null) {
            flight.ack.complete(null);
          } else {
            flight.ack.completeExceptionally(e);
          }
        });
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "delivery-budget");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::safeSweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static final long SWEEP_MILLIS = 250;

  private void safeSweep() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("looking for deliveries over their budget failed: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    ScheduledExecutorService t = timer;
    return t != null && !t.isShutdown();
  }

  /** Starts before the listener containers (a lower phase starts earlier) and stops after them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
