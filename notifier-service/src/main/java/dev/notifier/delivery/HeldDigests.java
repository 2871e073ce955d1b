package dev.notifier.delivery;

import dev.notifier.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends held deliveries: claims a target's oldest, as many as fit one message, and hands them to
 * the {@link DeliveryPipeline} as a digest in the target's lane, so they keep their place among the
 * target's other deliveries. A digest that fails is tried again on the retry topics' schedule (1,
 * 2, 4 minutes), then its deliveries are dead-lettered one by one, so that they can be replayed
 * like any other. Only targets whose deliveries partition this instance owns are looked at: one
 * instance sends to a target at a time, which keeps its quota exact.
 */
@Component
class HeldDigests implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeldDigests.class);
  private static final long IDLE_LOOK_NANOS = TimeUnit.SECONDS.toNanos(5);
  // rate-limit windows are minutes long; what is older than an hour is of no use
  private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final HeldDeliveries held;
  private final DeliveryPipeline pipeline;
  private final TargetLanes lanes;
  private final DeadLetters deadLetters;
  private final OwnedTargets owned;
  private final ThrottleWindows windows;
  private final JsonMapper json;
  private final DeliveryProperties properties;
  private final Clock clock;
  private final Set<Long> sending = ConcurrentHashMap.newKeySet();
  private volatile @Nullable Ticker ticker;
  // only the ticker thread reads and writes these two
  private long lastLook = System.nanoTime() - IDLE_LOOK_NANOS;
  private long lastPrune = System.nanoTime();

  HeldDigests(
      HeldDeliveries held,
      DeliveryPipeline pipeline,
      TargetLanes lanes,
      DeadLetters deadLetters,
      OwnedTargets owned,
      ThrottleWindows windows,
      JsonMapper json,
      DeliveryProperties properties,
      Clock clock) {
    this.clock = clock;
    this.held = held;
    this.pipeline = pipeline;
    this.lanes = lanes;
    this.deadLetters = deadLetters;
    this.owned = owned;
    this.windows = windows;
    this.json = json;
    this.properties = properties;
  }

  /**
   * Looks at every owned target with due held deliveries; sends a digest where the quota allows.
   */
  void tick() {
    owned.refresh();
    // Nothing known to be held: look in the database now and then (for what another instance
    // held before a rebalance), not on every tick of every instance.
    long now = System.nanoTime();
    if (!held.isHoldingAny() && now - lastLook < IDLE_LOOK_NANOS) {
      return;
    }
    lastLook = now;
    for (HeldDeliveries.PerTarget row : held.refresh()) {
      long targetId = row.targetId();
      if (!row.due() || !owned.owns(targetId)) {
        continue;
      }
      // only a target that will be sent to waits for its quota; the others are settled at once
      if (!pipeline.quotaAllows(targetId)) {
        continue;
      }
      if (!sending.add(targetId)) {
        continue;
      }
      lanes.submit(
          targetId,
          () -> {
            try {
              sendDigest(targetId);
            } catch (RuntimeException e) {
              // The deliveries stay held (their lease expires) and a later tick tries again.
              log.warn("digest for target {} not sent: {}", targetId, e.toString());
            } finally {
              sending.remove(targetId);
            }
            return CompletableFuture.completedFuture(null);
          });
    }
  }

  private void sendDigest(long targetId) {
    DeliveryProperties.Throttle settings = properties.throttle();
    List<HeldDeliveries.Held> claimed =
        held.claim(targetId, settings.digestMaxMessages(), settings.lease());
    if (!claimed.isEmpty()) {
      List<DeliveryTask> tasks =
          claimed.stream().map(h -> json.readValue(h.task(), DeliveryTask.class)).toList();
      int n =
          Digest.fitting(
              tasks.stream().map(DeliveryTask::message).toList(),
              settings.digestMaxMessages(),
              settings.digestMaxBytes());
      if (n < claimed.size()) {
        held.release(claimed.subList(n, claimed.size()));
      }
      List<HeldDeliveries.Held> batch = claimed.subList(0, n);
      int failures = Collections.max(batch.stream().map(HeldDeliveries.Held::attempts).toList());
      route(batch, tasks.subList(0, n), pipeline.deliverHeld(tasks.subList(0, n), failures));
    }
    held.forgetIfEmpty(targetId);
  }

  /** Routes the pipeline's verdicts to the held store and the DLT. */
  private void route(
      List<HeldDeliveries.Held> batch, List<DeliveryTask> tasks, List<Verdict> verdicts) {
    List<DeliveryTask> dead = new ArrayList<>();
    List<DeliveryFailedException> why = new ArrayList<>();
    List<HeldDeliveries.Held> deadHeld = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      HeldDeliveries.Held h = batch.get(i);
      switch (verdicts.get(i)) {
        case Verdict.Delivered d -> {
          d.recorded().join();
          held.settle(List.of(h));
        }
        case Verdict.Skipped s -> held.settle(List.of(h));
        case Verdict.Held wait -> {
          Instant until = wait.until();
          if (until != null) {
            // due inside a mute window: it waits for the window's end
            held.postpone(h.notificationId(), h.targetId(), until);
          } else {
            held.release(List.of(h));
          }
        }
        case Verdict.RetryLater r ->
            held.retryAfter(h.notificationId(), h.targetId(), Objects.requireNonNull(r.after()));
        case Verdict.DeadLetter d -> {
          dead.add(tasks.get(i));
          why.add(d.why());
          deadHeld.add(h);
        }
      }
    }
    if (!dead.isEmpty()) {
      deadLetters.publish(dead, why);
      held.settle(deadHeld);
    }
  }

  @Override
  public void start() {
    Ticker started = new Ticker("held digests", properties.throttle().tick(), this::tickAndPrune);
    started.start();
    ticker = started;
  }

  private void tickAndPrune() {
    tick();
    long now = System.nanoTime();
    if (now - lastPrune > PRUNE_EVERY_NANOS) {
      lastPrune = now;
      windows.prune(clock.instant().minus(Duration.ofHours(1)));
    }
  }

  @Override
  public void stop() {
    Ticker running = ticker;
    if (running != null) {
      running.stop();
    }
    ticker = null;
  }

  @Override
  public boolean isRunning() {
    return ticker != null;
  }

  /** Stops before the lanes do (a higher phase stops earlier), so no digest starts late. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 500;
  }
}
