package dev.notifier.delivery;

import dev.notifier.base.Ticker;
import dev.notifier.binding.Bindings;
import dev.notifier.channel.SendOutcome;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.routing.Mute;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * Sends held deliveries: claims a target's oldest, merges as many as fit one message into a digest,
 * and hands it to the {@link DeliveryStage} in the target's lane, so they keep their place among
 * the target's other deliveries. A digest that fails is tried again on the retry topics' schedule
 * (1, 2, 4 minutes), then its deliveries are dead-lettered one by one, so that they can be replayed
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
  private final DeliveryStage stage;
  private final Throttle throttle;
  private final Bindings bindings;
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
      DeliveryStage stage,
      Throttle throttle,
      Bindings bindings,
      TargetLanes lanes,
      DeadLetters deadLetters,
      OwnedTargets owned,
      ThrottleWindows windows,
      JsonMapper json,
      DeliveryProperties properties,
      Clock clock) {
    this.clock = clock;
    this.held = held;
    this.stage = stage;
    this.throttle = throttle;
    this.bindings = bindings;
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
      DeliveryStage.Plan plan = stage.plan(targetId);
      if (plan instanceof DeliveryStage.Go go
          && !throttle.waitBefore(targetId, go.limits()).isZero()) {
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
    List<HeldDeliveries.Held> batch = new ArrayList<>();
    List<DeliveryTask> tasks = new ArrayList<>();
    for (HeldDeliveries.Held h :
        held.claim(targetId, settings.digestMaxMessages(), settings.lease())) {
      DeliveryTask task = json.readValue(h.task(), DeliveryTask.class);
      if (stage.alreadyDelivered(task)) {
        held.settle(List.of(h));
      } else if (stage.switchedOff(task)) {
        // switched off while it was held: skipped, as the listener would skip it now
        stage.skipped(
            List.of(task),
            new DeliveryStage.Skip(SkipReason.SWITCHED_OFF, stage.channelOf(targetId)));
        held.settle(List.of(h));
      } else if (stage.muted(task) instanceof DeliveryStage.Muted muted) {
        // held for another reason and due inside a mute window: it waits for the window's end
        if (muted.action() == Mute.Action.DROP) {
          stage.skipped(
              List.of(task), new DeliveryStage.Skip(SkipReason.MUTED, stage.channelOf(targetId)));
          held.settle(List.of(h));
        } else {
          held.postpone(h.notificationId(), targetId, muted.until());
        }
      } else {
        batch.add(h);
        tasks.add(task);
      }
    }
    if (!batch.isEmpty()) {
      deliver(targetId, batch, tasks);
    }
    held.forgetIfEmpty(targetId);
  }

  private void deliver(long targetId, List<HeldDeliveries.Held> batch, List<DeliveryTask> tasks) {
    switch (stage.plan(targetId)) {
      case DeliveryStage.Skip skip -> {
        // Removed or switched off since they were held: skipped, as the listener would have.
        stage.skipped(tasks, skip);
        held.settle(batch);
      }
      case DeliveryStage.Refuse refuse -> {
        List<Integer> attempts =
            stage.failed(
                refuse.channel(),
                tasks,
                DeliveryStatus.FAILED,
                refuse.reason(),
                refuse.detail(),
                0);
        List<DeliveryFailedException> why = new ArrayList<>();
        for (int a : attempts) {
          why.add(
              new DeliveryFailedException.Permanent(
                  refuse.reason(), refuse.channel(), a, refuse.detail()));
        }
        deadLetters.publish(tasks, why);
        held.settle(batch);
      }
      case DeliveryStage.Go go -> {
        List<Message> messages = tasks.stream().map(DeliveryTask::message).toList();
        DeliveryProperties.Throttle settings = properties.throttle();
        int n = Digest.fitting(messages, settings.digestMaxMessages(), settings.digestMaxBytes());
        if (n < batch.size()) {
          held.release(batch.subList(n, batch.size()));
        }
        send(go, batch.subList(0, n), tasks.subList(0, n));
      }
    }
  }

  private void send(
      DeliveryStage.Go go, List<HeldDeliveries.Held> batch, List<DeliveryTask> tasks) {
    Presentation presentation = bindings.settings().presentation();
    Message digest =
        Digest.merge(
            tasks.stream().map(DeliveryTask::message).toList(),
            tasks.stream().map(DeliveryTask::notificationId).toList(),
            presentation);
    Deliverer.Result result = stage.send(go, digest, stage.bound(tasks));
    switch (result.outcome()) {
      case SendOutcome.Delivered d -> {
        stage.delivered(go, tasks, result).join();
        held.settle(batch);
      }
      case SendOutcome.Failed f -> {
        int failures =
            Collections.max(batch.stream().map(HeldDeliveries.Held::attempts).toList()) + 1;
        Duration delay =
            f.disposition() == SendOutcome.Disposition.RETRYABLE
                ? properties.retryTopics().delayAfter(failures)
                : null;
        List<Integer> attempts =
            stage.failed(
                go.channel(),
                tasks,
                delay != null ? DeliveryStatus.HELD : DeliveryStatus.FAILED,
                f.reason(),
                f.detail(),
                result.attempts(),
                result.tries());
        if (delay != null) {
          batch.forEach(h -> held.retryAfter(h.notificationId(), h.targetId(), delay));
          return;
        }
        List<DeliveryFailedException> why = new ArrayList<>();
        for (int a : attempts) {
          why.add(DeliveryFailedException.of(f, go.channel(), a));
        }
        deadLetters.publish(tasks, why);
        held.settle(batch);
      }
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
