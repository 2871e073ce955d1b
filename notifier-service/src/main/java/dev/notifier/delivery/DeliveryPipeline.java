package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.binding.BindingSnapshot;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.channel.Destination;
import dev.notifier.channel.SendOutcome;
import dev.notifier.message.Message;
import dev.notifier.routing.Mute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one delivery path. A task off the topic (or a retry topic, or replayed) and a digest of held
 * deliveries go through the same stages, each with one job:
 *
 * <ol>
 *   <li>snapshot: settings, targets and bindings read once, the one configuration every later stage
 *       decides from;
 *   <li>screen: already delivered (a redelivery), or switched off since it was made;
 *   <li>plan ({@link Planner}): the target, its sender and limits, or why not;
 *   <li>gate: the target's previous delivery recorded (its lane's order);
 *   <li>mute and quota: held for later, or dropped;
 *   <li>render: the digest, and what the bindings add to the target's settings;
 *   <li>send ({@link Deliverer}): one delivery with its in-process retries;
 *   <li>verdict: decided here, from the outcome and where the delivery came from, and recorded.
 * </ol>
 *
 * The callers only route the {@link Verdict}s: the listener to Kafka, the held digests to the held
 * store.
 */
@Component
public class DeliveryPipeline {

  /**
   * Where a delivery came from, and after how many failed rounds: it decides the quota stage and
   * where the next round waits.
   */
  sealed interface Source {
    int failures();
  }

  /**
   * Off the deliveries topic ({@code failures} 0) or a retry topic: a next round waits on the next
   * retry topic.
   */
  record FromTopic(int failures) implements Source {}

  /**
   * Out of the held store as a digest: the held store keeps it between rounds, on the retry topics'
   * schedule.
   */
  record FromHeld(int failures) implements Source {}

  private final Bindings bindings;
  private final Planner planner;
  private final DeliveryRecords records;
  private final Throttle throttle;
  private final HeldDeliveries held;
  private final Deliverer deliverer;
  private final DeliveryProperties properties;
  private final Outages outages;

  DeliveryPipeline(
      Bindings bindings,
      Planner planner,
      DeliveryRecords records,
      Throttle throttle,
      HeldDeliveries held,
      Deliverer deliverer,
      DeliveryProperties properties,
      Outages outages) {
    this.bindings = bindings;
    this.planner = planner;
    this.records = records;
    this.throttle = throttle;
    this.held = held;
    this.deliverer = deliverer;
    this.properties = properties;
    this.outages = outages;
  }

  /**
   * One task off the topic after {@code failures} failed rounds (0 off the deliveries topic), in
   * its target's lane: its verdict, decided from {@code config}, the snapshot {@link #beforeLane}
   * read for it (one configuration per delivery).
   */
  Verdict deliver(DeliveryTask task, int failures, TargetLanes.Gate gate, BindingSnapshot config) {
    return run(List.of(task), new FromTopic(failures), gate, config).getFirst();
  }

  /** The configuration a delivery decides everything from, read once. */
  BindingSnapshot snapshot() {
    return outages.waitOut("bindings", bindings::snapshot);
  }

  /**
   * A test send of {@code message} to a target as given, saved or not: plan, render and send (one
   * attempt, shrunk when too large, classified like any delivery). It skips the screen, the mute
   * and the quota stages (an operator's test must answer now, and is not one of the target's
   * deliveries), and its outcome is no verdict: nothing is recorded, retried, held or dead-lettered
   * (the API audits it).
   */
  public SendOutcome test(Target target, Message message) {
    return switch (planner.plan(target)) {
      case Planner.Refuse r -> SendOutcome.Failed.permanent(r.reason(), r.detail());
      case Planner.Go go -> deliverer.deliverOnce(go.sender(), go.destination(), message).outcome();
    };
  }

  /**
   * The hold stage, asked before a task joins its target's lane: a task inside a mute window of its
   * binding, or behind deliveries already held for its target, joins the held store at once, in
   * order, without waiting in the lane; null when it goes on to the lane. In the lane it would wait
   * for whatever the lane is doing (a digest to a target that never answers takes minutes, retries
   * included), and its partition with it, only to be held there.
   */
  @Nullable Verdict beforeLane(DeliveryTask task, BindingSnapshot config) {
    String channel = Planner.channelOf(config, task.targetId());
    Planner.Muted muted = planner.muted(config, task);
    if (muted != null) {
      return muted.action() == Mute.Action.DROP
          ? skip(task, SkipReason.MUTED, channel)
          : new Verdict.Held(HoldReason.MUTED, channel, muted.until());
    }
    if (held.isHolding(task.targetId())) {
      return new Verdict.Held(HoldReason.RATE_LIMITED, channel, null);
    }
    return null;
  }

  /** Held tasks of one target, sent as one digest: a verdict per task, in order. */
  List<Verdict> deliverHeld(List<DeliveryTask> tasks, int failures) {
    return run(tasks, new FromHeld(failures), null, snapshot());
  }

  /**
   * Whether the target's quota lets a digest go now: the held digests ask before they claim. A
   * target that will not be sent to at all (gone, off, refused) is let through, to be settled.
   */
  boolean quotaAllows(long targetId) {
    BindingSnapshot config = snapshot();
    return !(planner.plan(config, targetId) instanceof Planner.Go go)
        || !overQuota(go, new FromHeld(0));
  }

  private List<Verdict> run(
      List<DeliveryTask> tasks,
      Source source,
      TargetLanes.@Nullable Gate gate,
      BindingSnapshot config) {
    long targetId = tasks.getFirst().targetId();
    @Nullable Verdict[] verdicts = new Verdict[tasks.size()];

    // screen
    String channel = Planner.channelOf(config, targetId);
    for (int i = 0; i < tasks.size(); i++) {
      DeliveryTask task = tasks.get(i);
      if (records.alreadyDelivered(task)) {
        verdicts[i] = skip(task, SkipReason.ALREADY_DELIVERED, channel);
      } else if (planner.switchedOff(config, task)) {
        verdicts[i] = skip(task, SkipReason.SWITCHED_OFF, channel);
      }
    }
    // plan
    Planner.Plan plan = planner.plan(config, targetId);
    if (plan instanceof Planner.Skip s) {
      forEachOpen(tasks, verdicts, (i, task) -> verdicts[i] = skip(task, s.reason(), s.channel()));
      return done(verdicts);
    }
    if (plan instanceof Planner.Refuse r) {
      List<Integer> open = open(verdicts);
      List<DeliveryTask> refused = open.stream().map(tasks::get).toList();
      if (!refused.isEmpty()) {
        List<Integer> attempts =
            records.failed(
                r.channel(), refused, DeliveryStatus.FAILED, r.reason(), r.detail(), 0, List.of());
        for (int k = 0; k < open.size(); k++) {
          verdicts[open.get(k)] =
              new Verdict.DeadLetter(
                  new DeliveryFailedException.Permanent(
                      r.reason(), r.channel(), attempts.get(k), r.detail()));
        }
      }
      return done(verdicts);
    }
    Planner.Go go = (Planner.Go) plan;
    if (open(verdicts).isEmpty()) {
      return done(verdicts);
    }
    // gate: the target's previous delivery must be recorded before this one goes out (and its
    // send counted in the quota before this one asks)
    if (gate != null) {
      gate.await();
    }
    // mute
    forEachOpen(
        tasks,
        verdicts,
        (i, task) -> {
          Planner.Muted muted = planner.muted(config, task);
          if (muted != null) {
            verdicts[i] =
                muted.action() == Mute.Action.DROP
                    ? skip(task, SkipReason.MUTED, go.channel())
                    : new Verdict.Held(HoldReason.MUTED, go.channel(), muted.until());
          }
        });
    List<Integer> open = open(verdicts);
    if (open.isEmpty()) {
      return done(verdicts);
    }
    // quota
    if (overQuota(go, source)) {
      for (int i : open) {
        verdicts[i] = new Verdict.Held(HoldReason.RATE_LIMITED, go.channel(), null);
      }
      return done(verdicts);
    }
    // render
    List<DeliveryTask> sending = open.stream().map(tasks::get).toList();
    Message message =
        Digest.merge(
            sending.stream().map(DeliveryTask::message).toList(),
            sending.stream().map(DeliveryTask::notificationId).toList(),
            config.settings().presentation());
    Destination destination = planner.bound(config, sending).applyTo(go.destination());
    // send
    Deliverer.Result result = deliverer.deliver(go.sender(), destination, message, go.limits());
    // verdict
    List<Verdict> decided = verdict(go, sending, result, source);
    if (gate != null && result.outcome() instanceof SendOutcome.Delivered) {
      // only now may the next delivery to this target ask whether its pair was delivered: the
      // row is known (if not yet written), so a redelivered copy of this one is skipped
      gate.pass();
    }
    for (int k = 0; k < open.size(); k++) {
      verdicts[open.get(k)] = decided.get(k);
    }
    return done(verdicts);
  }

  /**
   * The one place that decides retry or dead letter. A permanent failure is dead-lettered; a
   * retryable one is tried again after the retry topics' next delay (from the held store, or on the
   * next retry topic), and dead-lettered as exhausted when no round is left.
   */
  private List<Verdict> verdict(
      Planner.Go go, List<DeliveryTask> tasks, Deliverer.Result result, Source source) {
    List<Verdict> out = new ArrayList<>();
    switch (result.outcome()) {
      case SendOutcome.Delivered d ->
          records.delivered(go.channel(), tasks, result).forEach(f -> out.add(delivered(f)));
      case SendOutcome.Failed f -> {
        boolean retryable = f.disposition() == SendOutcome.Disposition.RETRYABLE;
        // the next round's delay, wherever it waits; none left: dead-lettered as exhausted
        Duration after =
            retryable ? properties.retryTopics().delayAfter(source.failures() + 1) : null;
        boolean retry = after != null;
        DeliveryStatus status =
            retry && source instanceof FromHeld ? DeliveryStatus.HELD : DeliveryStatus.FAILED;
        List<Integer> attempts =
            records.failed(
                go.channel(),
                tasks,
                status,
                f.reason(),
                f.detail(),
                result.attempts(),
                result.tries());
        for (int a : attempts) {
          DeliveryFailedException why =
              retryable && !retry
                  ? new DeliveryFailedException.Exhausted(f.reason(), go.channel(), a, f.detail())
                  : DeliveryFailedException.of(f, go.channel(), a);
          out.add(retry ? new Verdict.RetryLater(why, after) : new Verdict.DeadLetter(why));
        }
      }
    }
    return out;
  }

  /**
   * The quota stage: over the target's limits, or (off the topic) behind deliveries held before,
   * which must go first. A digest of held deliveries is what goes first, so only the limits apply.
   */
  private boolean overQuota(Planner.Go go, Source source) {
    long targetId = go.target().id();
    if (source instanceof FromTopic && held.isHolding(targetId)) {
      return true;
    }
    return !throttle.waitBefore(targetId, go.limits()).isZero();
  }

  private Verdict skip(DeliveryTask task, SkipReason reason, String channel) {
    records.skipped(task, reason, channel);
    return new Verdict.Skipped(reason);
  }

  private static Verdict delivered(CompletableFuture<Void> recorded) {
    return new Verdict.Delivered(recorded);
  }

  private interface Each {
    void apply(int index, DeliveryTask task);
  }

  private static void forEachOpen(
      List<DeliveryTask> tasks, @Nullable Verdict[] verdicts, Each each) {
    for (int i = 0; i < tasks.size(); i++) {
      if (verdicts[i] == null) {
        each.apply(i, tasks.get(i));
      }
    }
  }

  private static List<Integer> open(@Nullable Verdict[] verdicts) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < verdicts.length; i++) {
      if (verdicts[i] == null) {
        out.add(i);
      }
    }
    return out;
  }

  /** Every task has its verdict by the time a stage returns. */
  private static List<Verdict> done(@Nullable Verdict[] verdicts) {
    return Arrays.stream(verdicts)
        .map(v -> Objects.requireNonNull(v, "a task without a verdict"))
        .toList();
  }
}
