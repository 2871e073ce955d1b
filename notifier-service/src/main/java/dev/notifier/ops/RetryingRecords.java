package dev.notifier.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * Records that are being retried in place (their partition waits for them), and for how long: the
 * gauge {@code notifier_retrying_record_age_seconds} per consumer is the age of the oldest. An
 * outage makes it grow and then fall back to zero; a record that grows it for longer than any
 * outage lasts is stuck, and an alert rule says so.
 */
@Component
public class RetryingRecords {

  /** The listeners whose partitions can wait on a record. */
  public static final List<String> CONSUMERS = List.of("ingest", "deliveries");

  private record Place(String consumer, String topic, int partition) {}

  /**
   * A record retried in place fails again at least every 5 s (the longest back-off); one not heard
   * of for this long was handled, or its partition moved to another instance.
   */
  private static final long STALE_MILLIS = 120_000;

  private final Clock clock;
  // per partition: the offset being retried, when it first failed, when it last did
  private final Map<Place, long[]> failing = new ConcurrentHashMap<>();

  RetryingRecords(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    for (String consumer : CONSUMERS) {
      Gauge.builder("notifier.retrying.record.age", () -> oldestAgeSeconds(consumer))
          .description(
              "seconds the oldest record retried in place on this consumer has been failing; 0 when"
                  + " none is")
          .baseUnit("seconds")
          .tag("consumer", consumer)
          .register(registry);
    }
  }

  /** A retry listener for the consumer's error handler. */
  public RetryListener listener(String consumer) {
    return new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int attempt) {
        long now = clock.millis();
        failing.compute(
            place(consumer, record),
            (p, known) ->
                known != null && known[0] == record.offset()
                    ? new long[] {known[0], known[1], now}
                    : new long[] {record.offset(), now, now});
      }

      @Override
      public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
        settled(consumer, record);
      }
    };
  }

  /** The record was handled (or dead-lettered): its partition no longer waits for it. */
  public void settled(String consumer, ConsumerRecord<?, ?> record) {
    if (failing.isEmpty()) {
      return;
    }
    failing.computeIfPresent(
        place(consumer, record), (p, known) -> known[0] <= record.offset() ? null : known);
  }

  private double oldestAgeSeconds(String consumer) {
    long now = clock.millis();
    failing.values().removeIf(f -> now - f[2] > STALE_MILLIS);
    return failing.entrySet().stream()
            .filter(e -> e.getKey().consumer().equals(consumer))
            .mapToLong(e -> now - e.getValue()[1])
            .max()
            .orElse(0)
        / 1000.0;
  }

  private static Place place(String consumer, ConsumerRecord<?, ?> record) {
    return new Place(consumer, record.topic(), record.partition());
  }
}
