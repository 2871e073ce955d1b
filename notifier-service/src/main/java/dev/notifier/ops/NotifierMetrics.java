package dev.notifier.ops;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.FailureReason;
import dev.notifier.events.EventType;
import dev.notifier.events.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The notifier's own series. Every combination of labels that can occur is registered at start-up,
 * so dashboards and alerts see zeros rather than gaps.
 */
@Component
public class NotifierMetrics {

  public static final List<String> EVENT_OUTCOMES =
      List.of("accepted", "invalid", "suppressed", "filtered");
  public static final String UNKNOWN_TYPE = "unknown";

  /** Delivery outcomes and the reasons that go with each. */
  public static final Map<String, List<String>> DELIVERY_REASONS =
      Map.of(
          "delivered", List.of("none"),
          "failed", failureReasons(),
          "skipped", List.of("already_delivered", "target_missing", "target_disabled"),
          "held", List.of("rate_limited"));

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();

  public NotifierMetrics(MeterRegistry registry, List<ChannelSender> senders) {
    this.registry = registry;
    List<String> types =
        new ArrayList<>(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    types.add(UNKNOWN_TYPE);
    types.forEach(t -> EVENT_OUTCOMES.forEach(o -> event(t, o, 0)));
    for (ChannelSender sender : senders) {
      String channel = sender.channel();
      DELIVERY_REASONS.forEach(
          (outcome, reasons) -> reasons.forEach(r -> delivery(channel, outcome, r, 0)));
      failureReasons().forEach(r -> retry(channel, r, 0));
      registry.counter("notifier.digests", "channel", channel);
      registry.counter("notifier.digested.deliveries", "channel", channel);
      timer(channel);
    }
    Arrays.stream(InvalidEventException.Reason.values())
        .forEach(r -> deadLetter(Topics.EVENTS_DLT, r.label(), 0));
    deadLetter(Topics.EVENTS_DLT, "processing_error", 0);
    deadLetter(Topics.EVENTS_DLT, "data_error", 0);
    failureReasons().forEach(r -> deadLetter(Topics.DELIVERIES_DLT, r, 0));
  }

  public void event(String type, String outcome) {
    event(type, outcome, 1);
  }

  public void delivery(String channel, String outcome, String reason) {
    delivery(channel, outcome, reason, 1);
  }

  /** Deliveries held for their targets' rate limits right now, as last counted. */
  public void heldDeliveries(AtomicLong count) {
    Gauge.builder("notifier.held.deliveries", count, AtomicLong::get)
        .description("deliveries waiting for their target's rate limit")
        .register(registry);
  }

  /** A digest of {@code merged} held deliveries went out as one message. */
  public void digest(String channel, int merged) {
    registry.counter("notifier.digests", "channel", channel).increment();
    registry.counter("notifier.digested.deliveries", "channel", channel).increment(merged);
  }

  public void latency(String channel, Duration elapsed) {
    timer(channel).record(elapsed);
  }

  public void retry(String channel, String reason) {
    retry(channel, reason, 1);
  }

  /**
   * {@code topic} is {@link Topics#EVENTS_DLT} or {@link Topics#DELIVERIES_DLT}: a role, not a
   * configured name.
   */
  public void deadLetter(String topic, String reason) {
    deadLetter(topic, reason, 1);
  }

  /** Label values for the two dead-letter topics, independent of their configured names. */
  public static final class Topics {
    public static final String EVENTS_DLT = "events_dlt";
    public static final String DELIVERIES_DLT = "deliveries_dlt";

    private Topics() {}
  }

  private void event(String type, String outcome, int n) {
    count(
        "notifier.events",
        "events by type and what became of them",
        n,
        "type",
        type,
        "outcome",
        outcome);
  }

  private void delivery(String channel, String outcome, String reason, int n) {
    count(
        "notifier.deliveries",
        "delivery outcomes",
        n,
        "channel",
        channel,
        "outcome",
        outcome,
        "reason",
        reason);
  }

  private void retry(String channel, String reason, int n) {
    count(
        "notifier.delivery.retries",
        "in-process delivery retries",
        n,
        "channel",
        channel,
        "reason",
        reason);
  }

  private void deadLetter(String topic, String reason, int n) {
    count(
        "notifier.dlt.records",
        "records sent to a dead-letter topic",
        n,
        "topic",
        topic,
        "reason",
        reason);
  }

  private Timer timer(String channel) {
    return latency.computeIfAbsent(
        channel,
        c ->
            Timer.builder("notifier.delivery.latency")
                .description("time to deliver one message, retries included")
                .tag("channel", c)
                .publishPercentileHistogram()
                .register(registry));
  }

  private void count(String name, String description, int n, String... tags) {
    String key = name + '\u0000' + String.join("\u0000", tags);
    Counter counter =
        counters.computeIfAbsent(
            key, k -> Counter.builder(name).description(description).tags(tags).register(registry));
    if (n > 0) {
      counter.increment(n);
    }
  }

  private static List<String> failureReasons() {
    List<String> reasons =
        new ArrayList<>(Arrays.stream(FailureReason.values()).map(FailureReason::label).toList());
    reasons.add("malformed_task");
    reasons.add("unknown_channel");
    return reasons;
  }
}
