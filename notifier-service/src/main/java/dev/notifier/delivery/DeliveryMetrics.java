package dev.notifier.delivery;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What ops see of deliveries. An attempt that failed is not a delivery that was lost, so they are
 * counted apart: {@code notifier_delivery_attempts_total} per attempt (delivered or failed, with
 * the reason), and {@code notifier_deliveries_total} once per delivery, by how it ended (delivered,
 * dead_lettered or skipped). Label values come from the closed types ({@link FailureReason}, {@link
 * SkipReason}, {@link HoldReason}); every combination exists at zero from start-up.
 */
@Component
class DeliveryMetrics {

  static final String NONE = "none";

  /** How a delivery ended. */
  enum Ending {
    DELIVERED("delivered"),
    DEAD_LETTERED("dead_lettered"),
    SKIPPED("skipped");

    private final String label;

    Ending(String label) {
      this.label = label;
    }
  }

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  DeliveryMetrics(
      MeterRegistry registry, Clock clock, List<ChannelSender> senders, HeldDeliveries held) {
    this.registry = registry;
    this.clock = clock;
    for (ChannelSender sender : senders) {
      String channel = sender.channel();
      Gauge.builder("notifier.held.deliveries", () -> held.heldOn(channel))
          .description("deliveries waiting in the held store, as of the last look")
          .tag("channel", channel)
          .register(registry);
      count(attempts(channel, "delivered", NONE), 0);
      count(ended(channel, Ending.DELIVERED, NONE), 0);
      for (FailureReason reason : FailureReason.values()) {
        count(attempts(channel, "failed", reason.label()), 0);
        count(ended(channel, Ending.DEAD_LETTERED, reason.label()), 0);
        count(retries(channel, reason.label()), 0);
      }
      for (SkipReason reason : SkipReason.values()) {
        count(ended(channel, Ending.SKIPPED, reason.label()), 0);
      }
      for (HoldReason reason : HoldReason.values()) {
        count(held(channel, reason), 0);
      }
      count(digests(channel), 0);
      count(digested(channel), 0);
      timer(
          "notifier.delivery.latency", "sending one message, in-process retries included", channel);
      timer(
          "notifier.notification.latency",
          "from the event's time to the platform accepting the message, held waits and digests"
              + " included",
          channel);
    }
  }

  /** One attempt and what the platform said (or what it failed with). */
  void attempt(String channel, SendOutcome outcome) {
    switch (outcome) {
      case SendOutcome.Delivered d -> count(attempts(channel, "delivered", NONE), 1);
      case SendOutcome.Failed f -> count(attempts(channel, "failed", f.reason().label()), 1);
    }
  }

  void retry(String channel, FailureReason reason) {
    count(retries(channel, reason.label()), 1);
  }

  /**
   * Delivered: {@code sending} is how long the send took, {@code since} the time of the event
   * behind each delivery it carried (several for a digest).
   */
  void delivered(String channel, Duration sending, List<Instant> since) {
    count(ended(channel, Ending.DELIVERED, NONE), since.size());
    timer("notifier.delivery.latency", "", channel).record(sending);
    Instant now = clock.instant();
    Timer endToEnd = timer("notifier.notification.latency", "", channel);
    for (Instant at : since) {
      endToEnd.record(
          Duration.between(at, now).isNegative() ? Duration.ZERO : Duration.between(at, now));
    }
    if (since.size() > 1) {
      count(digests(channel), 1);
      count(digested(channel), since.size());
    }
  }

  void skipped(String channel, SkipReason reason) {
    count(ended(channel, Ending.SKIPPED, reason.label()), 1);
  }

  void deadLettered(String channel, String reason) {
    count(ended(channel, Ending.DEAD_LETTERED, reason), 1);
  }

  void held(String channel, HoldReason reason, int n) {
    count(held(channel, reason), n);
  }

  private record Key(String name, String description, String... tags) {
    String id() {
      return name + '\u0000' + String.join("\u0000", tags);
    }
  }

  private static Key attempts(String channel, String outcome, String reason) {
    return new Key(
        "notifier.delivery.attempts",
        "attempts to send, by what the platform answered",
        "channel",
        channel,
        "outcome",
        outcome,
        "reason",
        reason);
  }

  private static Key ended(String channel, Ending ending, String reason) {
    return new Key(
        "notifier.deliveries",
        "deliveries by how they ended: delivered, dead_lettered or skipped",
        "channel",
        channel,
        "outcome",
        ending.label,
        "reason",
        reason);
  }

  private static Key digests(String channel) {
    return new Key(
        "notifier.digests",
        "digests sent: held deliveries merged into one message",
        "channel",
        channel);
  }

  private static Key digested(String channel) {
    return new Key(
        "notifier.digested.deliveries",
        "held deliveries that went out inside digests",
        "channel",
        channel);
  }

  private static Key retries(String channel, String reason) {
    return new Key(
        "notifier.delivery.retries",
        "in-process retries, by the failure retried",
        "channel",
        channel,
        "reason",
        reason);
  }

  private static Key held(String channel, HoldReason reason) {
    return new Key(
        "notifier.deliveries.held",
        "deliveries put in the held store, to be sent later (as digests)",
        "channel",
        channel,
        "reason",
        reason.label());
  }

  private void count(Key key, double n) {
    Counter counter =
        counters.computeIfAbsent(
            key.id(),
            k ->
                Counter.builder(key.name())
                    .description(key.description())
                    .tags(key.tags())
                    .register(registry));
    if (n > 0) {
      counter.increment(n);
    }
  }

  private Timer timer(String name, String description, String channel) {
    return timers.computeIfAbsent(
        name + '\u0000' + channel,
        k ->
            Timer.builder(name)
                .description(description)
                .tag("channel", channel)
                .publishPercentileHistogram()
                .register(registry));
  }
}
