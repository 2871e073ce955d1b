package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.binding.Binding;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.RateLimit;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.routing.Mentions;
import dev.notifier.routing.Mute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one delivery path, whoever calls it: the deliveries listener for a task off the topic, and
 * the held-digest sender for deliveries that waited. It decides whether to send at all (already
 * delivered? target gone or off? a channel we have? usable rate limits? quota left?), sends, and
 * records what came of it in the log and the metrics. The callers only route the result: the
 * listener to the retry topics, the digest sender to its held retries and the DLT.
 *
 * <p>Database calls wait out an outage ({@link Outages}): a delivery in a lane pauses rather than
 * fails, so nothing done is done twice and nothing waiting is lost.
 */
@Component
class DeliveryStage {

  private final Outages outages;

  private static final Logger log = LoggerFactory.getLogger(DeliveryStage.class);

  /** Whether and how to send to a target. */
  sealed interface Plan {}

  /** Not to be sent, rightly: counted and logged as skipped. */
  record Skip(SkipReason reason, String channel) implements Plan {}

  /** Cannot be sent, ever, as the target stands: a permanent failure before any attempt. */
  record Refuse(FailureReason reason, String channel, String detail) implements Plan {}

  /** To be sent through {@code sender} within {@code limits}. */
  record Go(Target target, ChannelSender sender, List<RateLimit> limits) implements Plan {
    String channel() {
      return target.channel();
    }
  }

  private final Bindings bindings;
  private final Map<String, ChannelSender> senders;
  private final Deliverer deliverer;
  private final DeliveredRows deliveredRows;
  private final DeliveryLog deliveryLog;
  private final Throttle throttle;
  private final HeldDeliveries held;
  private final DeliveryMetrics metrics;
  private final JsonMapper json;
  private final Clock clock;

  DeliveryStage(
      Bindings bindings,
      List<ChannelSender> senders,
      Deliverer deliverer,
      DeliveredRows deliveredRows,
      DeliveryLog deliveryLog,
      Throttle throttle,
      HeldDeliveries held,
      DeliveryMetrics metrics,
      JsonMapper json,
      Clock clock,
      Outages outages) {
    this.outages = outages;
    this.clock = clock;
    this.bindings = bindings;
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    this.deliverer = deliverer;
    this.deliveredRows = deliveredRows;
    this.deliveryLog = deliveryLog;
    this.throttle = throttle;
    this.held = held;
    this.metrics = metrics;
    this.json = json;
  }

  /** Whether the log already marks this pair delivered (a redelivery, a replay). */
  boolean alreadyDelivered(DeliveryTask task) {
    return outages.waitOut(
        "delivery log", () -> deliveredRows.isDelivered(task.notificationId(), task.targetId()));
  }

  /**
   * Whether the task's type is no longer sent to its target: the global switch, the type's or the
   * binding's turned off since it was made (a removed or disabled target is {@link #plan}'s to
   * say). A type the bindings do not know (a test send) is never switched off.
   */
  boolean switchedOff(DeliveryTask task) {
    return NotificationType.fromWireName(task.notificationType())
        .map(
            type ->
                outages.waitOut(
                    "bindings",
                    () ->
                        bindings.target(task.targetId()).filter(Target::enabled).isPresent()
                            && !bindings.sends(type, task.boundTargetId())))
        .orElse(false);
  }

  /** A mute window of the task's binding covers now: held until it ends, or dropped. */
  record Muted(Instant until, Mute.Action action) {}

  /**
   * Whether a mute window of the task's binding covers this moment. A backup's copy is not muted:
   * it exists because the primary was tried, so it was not muted then.
   */
  @Nullable Muted muted(DeliveryTask task) {
    if (task.backupOf() != null) {
      return null;
    }
    Optional<Binding> binding =
        NotificationType.fromWireName(task.notificationType())
            .flatMap(
                type -> outages.waitOut("bindings", () -> bindings.binding(type, task.targetId())));
    if (binding.isEmpty() || binding.get().mute() == null) {
      return null;
    }
    Mute mute = binding.get().mute();
    Instant until = mute.mutedUntil(clock.instant(), ZoneId.of(bindings.settings().timeZone()));
    return until == null ? null : new Muted(until, mute.action());
  }

  /**
   * What the tasks' bindings add to the target's settings when sending: who they mention, in the
   * platform's settings names (lists joined, a switch on when any turns it on); and a binding's
   * template, when every task is of its one type. The target's own bindings: a backup copy takes
   * the backup's (if it has one for the type), never the primary's mentions or template, which are
   * in another platform's terms.
   */
  Map<String, Object> bound(List<DeliveryTask> tasks) {
    Map<String, Object> merged = new LinkedHashMap<>();
    List<Binding> found = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      NotificationType.fromWireName(task.notificationType())
          .flatMap(type -> bindings.binding(type, task.targetId()))
          .ifPresent(found::add);
    }
    found.forEach(b -> Mentions.merge(merged, b.mentions()));
    if (found.size() == tasks.size()
        && found.stream().map(Binding::id).distinct().count() == 1
        && found.getFirst().templateOverride() != null) {
      merged.put("template", found.getFirst().templateOverride());
    }
    return merged;
  }

  Plan plan(long targetId) {
    Optional<Target> found = outages.waitOut("bindings", () -> bindings.target(targetId));
    if (found.isEmpty()) {
      return new Skip(SkipReason.TARGET_MISSING, "unknown");
    }
    Target target = found.get();
    if (!target.enabled()) {
      return new Skip(SkipReason.TARGET_DISABLED, target.channel());
    }
    ChannelSender sender = senders.get(target.channel());
    if (sender == null) {
      return new Refuse(
          FailureReason.UNKNOWN_CHANNEL,
          target.channel(),
          "no sender for channel '" + target.channel() + "'");
    }
    try {
      return new Go(target, sender, RateLimit.forTarget(target.config(), sender.rateLimits()));
    } catch (IllegalArgumentException e) {
      return new Refuse(FailureReason.BAD_CONFIG, target.channel(), String.valueOf(e.getMessage()));
    }
  }

  /** Whether the target must wait: over its quota, or behind deliveries held before. */
  boolean mustWait(Go go) {
    return held.isHolding(go.target().id())
        || !throttle.waitBefore(go.target().id(), go.limits()).isZero();
  }

  /** Sends {@code message}, carrying {@code tasks} (one, or several merged into a digest). */
  Deliverer.Result send(Go go, Message message, Map<String, Object> bound) {
    Destination destination = go.target().destination();
    if (!bound.isEmpty()) {
      Map<String, Object> config = new LinkedHashMap<>(destination.config());
      Mentions.merge(config, bound);
      if (bound.get("template") != null) {
        // the binding's template outranks the target's, for every type
        config.remove("templates");
        config.put("template", bound.get("template"));
      }
      destination =
          new Destination(
              destination.id(),
              destination.name(),
              destination.url(),
              destination.secret(),
              config);
    }
    return deliverer.deliver(go.sender(), destination, message, go.limits());
  }

  /**
   * Records a success; the future completes once the rows are written (a target's next send waits
   * for it, so a crash can repeat at most the one message in flight).
   */
  CompletableFuture<Void> delivered(Go go, List<DeliveryTask> tasks, Deliverer.Result result) {
    metrics.delivered(
        go.channel(), result.elapsed(), tasks.stream().map(DeliveryTask::createdAt).toList());
    List<CompletableFuture<Void>> rows = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      rows.add(
          deliveredRows.add(
              task, go.channel(), result.attempts(), result.elapsed().toMillis(), result.tries()));
    }
    return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new));
  }

  /**
   * Records a failure of each task as {@code status} (failed, or held when it will be tried again
   * from the held store) and returns, per task, the attempts made so far across every round.
   */
  List<Integer> failed(
      String channel,
      List<DeliveryTask> tasks,
      DeliveryStatus status,
      FailureReason reason,
      String detail,
      int attempts) {
    return failed(channel, tasks, status, reason, detail, attempts, List.of());
  }

  /** As above, adding each attempt made ({@code tries}) to the deliveries history. */
  List<Integer> failed(
      String channel,
      List<DeliveryTask> tasks,
      DeliveryStatus status,
      FailureReason reason,
      String detail,
      int attempts,
      List<Deliverer.Attempt> tries) {
    List<Integer> sofar = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      outages.waitOut("delivery log", () -> deliveryLog.recordAttempts(task, channel, tries));
      sofar.add(
          outages.waitOut(
              "delivery log",
              () ->
                  deliveryLog.record(
                      task, channel, status, attempts, reason.label(), detail, null)));
    }
    log.warn(
        "delivery of {} to target {} ({}) failed: {} {}",
        tasks.size() == 1 ? tasks.getFirst().notificationId() : tasks.size() + " deliveries",
        tasks.getFirst().targetId(),
        channel,
        reason.label(),
        detail);
    return sofar;
  }

  /** Records that the tasks were rightly not sent. */
  void skipped(List<DeliveryTask> tasks, Skip skip) {
    for (DeliveryTask task : tasks) {
      if (skip.reason() != SkipReason.ALREADY_DELIVERED) {
        outages.waitOut(
            "delivery log",
            () ->
                deliveryLog.record(
                    task,
                    skip.channel(),
                    DeliveryStatus.SKIPPED,
                    0,
                    skip.reason().label(),
                    null,
                    null));
      }
      metrics.skipped(skip.channel(), skip.reason());
    }
  }

  /**
   * Moves the task to the held store, to go out later (merged into a digest). With a {@code lease},
   * it is being sent right now and is held only so that a crash cannot lose it. One try: the caller
   * decides whether to wait out an outage.
   */
  void hold(DeliveryTask task, String channel, HoldReason reason, @Nullable Duration lease) {
    hold(task, channel, reason, lease, null);
  }

  /** As above, not to be sent before {@code notBefore} (the end of a mute window). */
  void hold(
      DeliveryTask task,
      String channel,
      HoldReason reason,
      @Nullable Duration lease,
      @Nullable Instant notBefore) {
    held.hold(task, json.writeValueAsString(task), lease, notBefore);
    deliveryLog.record(task, channel, DeliveryStatus.HELD, 0, reason.label(), null, null);
    metrics.held(channel, reason, 1);
  }

  /** The target's channel, one try: for callers that must not wait (they hold a lock). */
  String channelNow(long targetId) {
    return bindings.target(targetId).map(Target::channel).orElse("unknown");
  }

  String channelOf(long targetId) {
    return outages
        .waitOut("bindings", () -> bindings.target(targetId))
        .map(Target::channel)
        .orElse("unknown");
  }
}
