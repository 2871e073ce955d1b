package dev.notifier.delivery;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.ops.NotifierMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers each task once: skips pairs the log already marks delivered (redeliveries, replays),
 * sends through the target's channel with in-process retries, records the outcome, and fails the
 * returned future with what is left for the retry topics. The work runs in the target's lane, so
 * the consumer thread hands out a whole poll at once; the poll's offsets are committed when its
 * deliveries are done and recorded.
 */
@Component
class DeliveriesListener {

  private static final Logger log = LoggerFactory.getLogger(DeliveriesListener.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final JsonMapper json;
  private final DeliveryLog deliveryLog;
  private final Bindings bindings;
  private final Deliverer deliverer;
  private final NotifierMetrics metrics;
  private final Map<String, ChannelSender> senders;
  private final TargetLanes lanes;
  private final DeliveredRows deliveredRows;
  private final Throttle throttle;
  private final HeldDeliveries held;

  DeliveriesListener(
      JsonMapper json,
      DeliveryLog deliveryLog,
      Bindings bindings,
      Deliverer deliverer,
      NotifierMetrics metrics,
      List<ChannelSender> senders,
      TargetLanes lanes,
      DeliveredRows deliveredRows,
      Throttle throttle,
      HeldDeliveries held) {
    this.throttle = throttle;
    this.held = held;
    this.lanes = lanes;
    this.deliveredRows = deliveredRows;
    this.json = json;
    this.deliveryLog = deliveryLog;
    this.bindings = bindings;
    this.deliverer = deliverer;
    this.metrics = metrics;
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
  }

  @KafkaListener(
      id = "deliveries",
      topics = "${notifier.topics.deliveries}",
      groupId = "${notifier.consumer-group-prefix:notifier}-deliveries",
      concurrency = "${notifier.delivery.concurrency:6}")
  CompletableFuture<Void> onTask(ConsumerRecord<String, byte[]> record) {
    DeliveryTask task;
    try {
      task = read(record);
    } catch (DeliveryFailedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return lanes.submit(task.targetId(), () -> deliver(task));
  }

  private CompletableFuture<Void> deliver(DeliveryTask task) {
    Optional<Target> found = bindings.target(task.targetId());
    String channel = found.map(Target::channel).orElse("unknown");
    if (deliveredRows.isDelivered(task.notificationId(), task.targetId())) {
      metrics.delivery(channel, "skipped", "already_delivered");
      return DONE;
    }
    if (found.isEmpty() || !found.get().enabled()) {
      String reason = found.isEmpty() ? "target_missing" : "target_disabled";
      deliveryLog.record(task, channel, "skipped", 0, reason, null, null);
      metrics.delivery(channel, "skipped", reason);
      return DONE;
    }
    Target target = found.get();
    ChannelSender sender = senders.get(channel);
    if (sender == null) {
      int attempts = deliveryLog.record(task, channel, "failed", 0, "unknown_channel", null, null);
      metrics.delivery(channel, "failed", "unknown_channel");
      throw new DeliveryFailedException.Permanent(
          "unknown_channel", channel, attempts, "no sender for channel '" + channel + "'");
    }
    List<RateLimit> limits = limits(task, target, sender);
    if (held.isHolding(target.id()) || !throttle.waitBefore(target.id(), limits).isZero()) {
      // Over the quota, or behind deliveries already held: keep it for a digest and let the
      // partition move on.
      held.hold(task, json.writeValueAsString(task));
      deliveryLog.record(task, channel, "held", 0, "rate_limited", null, null);
      metrics.delivery(channel, "held", "rate_limited");
      return DONE;
    }
    Deliverer.Result result =
        deliverer.deliver(sender, target.destination(), task.message(), limits);
    switch (result.outcome()) {
      case SendOutcome.Delivered d -> {
        metrics.delivery(channel, "delivered", "none");
        metrics.latency(channel, result.elapsed());
        return deliveredRows.add(task, channel, result.attempts(), result.elapsed().toMillis());
      }
      case SendOutcome.Failed f -> {
        String reason = f.reason().label();
        int attempts =
            deliveryLog.record(
                task, channel, "failed", result.attempts(), reason, f.detail(), null);
        metrics.delivery(channel, "failed", reason);
        log.warn(
            "delivery of {} to target {} ({}) failed after {} attempts: {} {}",
            task.notificationId(),
            target.id(),
            channel,
            attempts,
            reason,
            f.detail());
        throw f.disposition() == SendOutcome.Disposition.PERMANENT
            ? new DeliveryFailedException.Permanent(reason, channel, attempts, f.detail())
            : new DeliveryFailedException.Retryable(f.reason(), channel, attempts, f.detail());
      }
    }
  }

  /** The target's own rate limits, or its channel's; a malformed setting is the target's fault. */
  private List<RateLimit> limits(DeliveryTask task, Target target, ChannelSender sender) {
    try {
      return RateLimit.forTarget(target.config(), sender.rateLimits());
    } catch (IllegalArgumentException e) {
      String reason = FailureReason.BAD_CONFIG.label();
      int attempts =
          deliveryLog.record(task, target.channel(), "failed", 0, reason, e.getMessage(), null);
      metrics.delivery(target.channel(), "failed", reason);
      throw new DeliveryFailedException.Permanent(
          reason, target.channel(), attempts, String.valueOf(e.getMessage()));
    }
  }

  private DeliveryTask read(ConsumerRecord<String, byte[]> record) {
    try {
      return json.readValue(record.value(), DeliveryTask.class);
    } catch (RuntimeException e) {
      metrics.delivery("unknown", "failed", "malformed_task");
      throw new DeliveryFailedException.Permanent(
          "malformed_task",
          "unknown",
          0,
          "unreadable delivery task: " + e.getClass().getSimpleName());
    }
  }
}
