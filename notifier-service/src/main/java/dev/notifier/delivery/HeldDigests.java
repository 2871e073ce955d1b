package dev.notifier.delivery;

import dev.notifier.Topics;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.ops.NotifierMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends held deliveries once their target's rate limit allows: as many as fit one message, merged
 * into a digest, in the target's lane so they keep their place among the target's other deliveries.
 * A digest that fails is tried again on the retry topics' schedule (1, 2, 4 minutes), then its
 * deliveries are dead-lettered one by one, with the usual headers, so that they can be replayed
 * like any other.
 */
@Component
class HeldDigests implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeldDigests.class);

  private final HeldDeliveries held;
  private final Throttle throttle;
  private final Bindings bindings;
  private final Map<String, ChannelSender> senders;
  private final Deliverer deliverer;
  private final DeliveredRows deliveredRows;
  private final DeliveryLog deliveryLog;
  private final NotifierMetrics metrics;
  private final TargetLanes lanes;
  private final JsonMapper json;
  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final DeliveryProperties properties;
  private final Set<Long> sending = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService ticker;
  // only the ticker thread reads and writes these two
  private boolean failing;
  private long lastLook = System.nanoTime() - IDLE_LOOK_NANOS;

  private static final long IDLE_LOOK_NANOS = TimeUnit.SECONDS.toNanos(5);

  HeldDigests(
      HeldDeliveries held,
      Throttle throttle,
      Bindings bindings,
      List<ChannelSender> senders,
      Deliverer deliverer,
      DeliveredRows deliveredRows,
      DeliveryLog deliveryLog,
      NotifierMetrics metrics,
      TargetLanes lanes,
      JsonMapper json,
      KafkaTemplate<String, byte[]> kafka,
      Topics topics,
      DeliveryProperties properties) {
    this.held = held;
    this.throttle = throttle;
    this.bindings = bindings;
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    this.deliverer = deliverer;
    this.deliveredRows = deliveredRows;
    this.deliveryLog = deliveryLog;
    this.metrics = metrics;
    this.lanes = lanes;
    this.json = json;
    this.kafka = kafka;
    this.topics = topics;
    this.properties = properties;
  }

  /** Looks at every target with due held deliveries; sends a digest to each the quota allows. */
  void tick() {
    // Nothing known to be held: look in the database now and then (for what another instance
    // held before a rebalance), not on every tick of every instance.
    long now = System.nanoTime();
    if (!held.isHoldingAny() && now - lastLook < IDLE_LOOK_NANOS) {
      return;
    }
    lastLook = now;
    for (long targetId : held.refresh()) {
      Optional<Target> target = bindings.target(targetId);
      ChannelSender sender = target.map(t -> senders.get(t.channel())).orElse(null);
      // only a target that will be sent to waits for its quota; the others are settled at once
      List<RateLimit> limits =
          target.isPresent() && target.get().enabled() && sender != null
              ? limitsOrNone(target.get(), sender)
              : List.of();
      if (!throttle.waitBefore(targetId, limits).isZero() || !sending.add(targetId)) {
        continue;
      }
      lanes.submit(
          targetId,
          () -> {
            try {
              sendDigest(targetId, target, sender, limits);
            } catch (RuntimeException e) {
              // The database or broker is down: the deliveries stay held (their lease expires)
              // and the next tick tries again.
              log.warn("digest for target {} not sent: {}", targetId, e.toString());
            } finally {
              sending.remove(targetId);
            }
            return CompletableFuture.completedFuture(null);
          });
    }
  }

  private void sendDigest(
      long targetId, Optional<Target> target, ChannelSender sender, List<RateLimit> limits) {
    DeliveryProperties.Throttle settings = properties.throttle();
    List<HeldDeliveries.Held> claimed =
        held.claim(targetId, settings.digestMaxMessages(), settings.lease());
    List<HeldDeliveries.Held> batch = new ArrayList<>();
    List<DeliveryTask> tasks = new ArrayList<>();
    for (HeldDeliveries.Held h : claimed) {
      DeliveryTask task = json.readValue(h.task(), DeliveryTask.class);
      if (deliveredRows.isDelivered(task.notificationId(), targetId)) {
        held.settle(List.of(h));
      } else {
        batch.add(h);
        tasks.add(task);
      }
    }
    if (batch.isEmpty()) {
      held.forgetIfEmpty(targetId);
      return;
    }
    if (target.isEmpty() || !target.get().enabled()) {
      // Removed or switched off since they were held: skipped, as the listener would have.
      String reason = target.isEmpty() ? "target_missing" : "target_disabled";
      String channel = target.map(Target::channel).orElse("unknown");
      for (DeliveryTask task : tasks) {
        deliveryLog.record(task, channel, "skipped", 0, reason, null, null);
        metrics.delivery(channel, "skipped", reason);
      }
      held.settle(batch);
      held.forgetIfEmpty(targetId);
      return;
    }
    if (sender == null) {
      String channel = target.get().channel();
      deadLetter(
          batch,
          tasks,
          channel,
          i ->
              new DeliveryFailedException.Permanent(
                  "unknown_channel", channel, 0, "no sender for channel '" + channel + "'"));
      held.forgetIfEmpty(targetId);
      return;
    }
    List<Message> messages = tasks.stream().map(DeliveryTask::message).toList();
    int n = Digest.fitting(messages, settings.digestMaxMessages(), settings.digestMaxBytes());
    if (n < batch.size()) {
      held.release(batch.subList(n, batch.size()));
    }
    send(target.get(), sender, limits, batch.subList(0, n), tasks.subList(0, n));
    held.forgetIfEmpty(targetId);
  }

  private void send(
      Target target,
      ChannelSender sender,
      List<RateLimit> limits,
      List<HeldDeliveries.Held> batch,
      List<DeliveryTask> tasks) {
    String channel = target.channel();
    Settings settings = bindings.settings();
    Message digest =
        Digest.merge(
            tasks.stream().map(DeliveryTask::message).toList(),
            Presentation.of(settings.locale(), settings.timeZone()));
    Deliverer.Result result = deliverer.deliver(sender, target.destination(), digest, limits);
    switch (result.outcome()) {
      case SendOutcome.Delivered d -> {
        for (DeliveryTask task : tasks) {
          deliveredRows.add(task, channel, result.attempts(), result.elapsed().toMillis());
          metrics.delivery(channel, "delivered", "none");
        }
        metrics.latency(channel, result.elapsed());
        metrics.digest(channel, tasks.size());
        held.settle(batch);
      }
      case SendOutcome.Failed f -> {
        int failures = batch.getFirst().attempts() + 1;
        DeliveryProperties.RetryTopics schedule = properties.retryTopics();
        String reason = f.reason().label();
        log.warn(
            "digest of {} held deliveries to target {} ({}) failed: {} {}",
            tasks.size(),
            target.id(),
            channel,
            reason,
            f.detail());
        boolean again =
            f.disposition() == SendOutcome.Disposition.RETRYABLE && failures <= schedule.attempts();
        List<Integer> attempts = new ArrayList<>();
        for (DeliveryTask task : tasks) {
          attempts.add(
              deliveryLog.record(
                  task,
                  channel,
                  again ? "held" : "failed",
                  result.attempts(),
                  reason,
                  f.detail(),
                  null));
        }
        if (again) {
          long delay =
              (long)
                  (schedule.firstDelay().toMillis()
                      * Math.pow(schedule.multiplier(), failures - 1));
          held.retryAfter(batch, Duration.ofMillis(delay));
          return;
        }
        tasks.forEach(t -> metrics.delivery(channel, "failed", reason));
        deadLetter(
            batch,
            tasks,
            channel,
            i ->
                f.disposition() == SendOutcome.Disposition.PERMANENT
                    ? new DeliveryFailedException.Permanent(
                        reason, channel, attempts.get(i), f.detail())
                    : new DeliveryFailedException.Retryable(
                        f.reason(), channel, attempts.get(i), f.detail()));
      }
    }
  }

  /** Each delivery to the dead-letter topic, as the retry topics would have put it; then let go. */
  private void deadLetter(
      List<HeldDeliveries.Held> batch,
      List<DeliveryTask> tasks,
      String channel,
      IntFunction<DeliveryFailedException> failureOf) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      DeliveryTask task = tasks.get(i);
      DeliveryFailedException failure = failureOf.apply(i);
      String key = String.valueOf(task.targetId());
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(topics.deliveriesDlt(), key, json.writeValueAsBytes(task));
      DeadLetterHeaders.of(key, failure).forEach(h -> record.headers().add(h));
      DeadLetterHeaders.add(
          record.headers(), DeliveryHeaders.NOTIFICATION_ID, task.notificationId());
      DeadLetterHeaders.add(
          record.headers(), DeliveryHeaders.NOTIFICATION_TYPE, task.notificationType());
      sends.add(kafka.send(record));
    }
    // Only once the broker has them are they no longer held.
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    held.settle(batch);
    log.warn("{} held deliveries on {} dead-lettered", tasks.size(), channel);
  }

  private static List<RateLimit> limitsOrNone(Target target, ChannelSender sender) {
    try {
      return RateLimit.forTarget(target.config(), sender.rateLimits());
    } catch (IllegalArgumentException e) {
      return sender.rateLimits();
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "held-digests");
              t.setDaemon(true);
              return t;
            });
    long period = properties.throttle().tick().toMillis();
    executor.scheduleWithFixedDelay(this::safeTick, period, period, TimeUnit.MILLISECONDS);
    ticker = executor;
  }

  private void safeTick() {
    try {
      tick();
      if (failing) {
        failing = false;
        log.info("looking for held deliveries works again");
      }
    } catch (RuntimeException e) {
      // Once per outage, not five times a second.
      if (!failing) {
        failing = true;
        log.warn("looking for held deliveries failed; trying again every tick: {}", e.toString());
      }
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = ticker;
    if (executor != null) {
      executor.shutdown();
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
