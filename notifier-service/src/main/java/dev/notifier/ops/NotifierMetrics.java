package dev.notifier.ops;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.FailureReason;
import dev.notifier.events.EventType;
import dev.notifier.events.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The notifier's series about events and dead letters (deliveries count their own, in {@code
 * delivery}). Every combination of labels that can occur is registered at start-up, so dashboards
 * and alerts see zeros rather than gaps.
 */
@Component
public class NotifierMetrics {

  public static final String UNKNOWN_TYPE = "unknown";

  /** The channel label of a dead letter that is not a delivery (an event). */
  public static final String NO_CHANNEL = "none";

  /** Why an event may be dead-lettered, besides failing validation. */
  private static final List<String> EVENT_DLT_REASONS = List.of("processing_error", "data_error");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public NotifierMetrics(MeterRegistry registry, List<ChannelSender> senders) {
    this.registry = registry;
    List<String> types =
        new ArrayList<>(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    types.add(UNKNOWN_TYPE);
    types.forEach(t -> Arrays.stream(EventOutcome.values()).forEach(o -> event(t, o, 0)));
    Arrays.stream(InvalidEventException.Reason.values())
        .forEach(r -> deadLetter(Topics.EVENTS_DLT, r.label(), NO_CHANNEL, 0));
    EVENT_DLT_REASONS.forEach(r -> deadLetter(Topics.EVENTS_DLT, r, NO_CHANNEL, 0));
    for (ChannelSender sender : senders) {
      Arrays.stream(FailureReason.values())
          .forEach(r -> deadLetter(Topics.DELIVERIES_DLT, r.label(), sender.channel(), 0));
    }
  }

  public void event(String type, EventOutcome outcome) {
    event(type, outcome, 1);
  }

  /**
   * {@code topic} is {@link Topics#EVENTS_DLT} or {@link Topics#DELIVERIES_DLT}: a role, not a
   * configured name; {@code channel} is the delivery's channel, or {@link #NO_CHANNEL}.
   */
  public void deadLetter(String topic, String reason, String channel) {
    deadLetter(topic, reason, channel, 1);
  }

  /** Label values for the two dead-letter topics, independent of their configured names. */
  public static final class Topics {
    public static final String EVENTS_DLT = "events_dlt";
    public static final String DELIVERIES_DLT = "deliveries_dlt";

    private Topics() {}
  }

  private void event(String type, EventOutcome outcome, int n) {
    count(
        "notifier.events",
        "events by type and what became of them",
        n,
        "type",
        type,
        "outcome",
        outcome.label());
  }

  private void deadLetter(String topic, String reason, String channel, int n) {
    count(
        "notifier.dlt.records",
        "records sent to a dead-letter topic",
        n,
        "topic",
        topic,
        "reason",
        reason,
        "channel",
        channel);
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
}
