package dev.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.base.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The Kafka clients report a topic under two spellings; only the real one reaches the registry.
 * (The clients' per-topic series appear only after Micrometer's periodic rebinding, a minute into a
 * run, so this is checked on the filter itself.)
 */
class MeterDescriptionsTest {

  private final MeterDescriptions config = new MeterDescriptions();
  private final Topics topics = new Topics("notifier.events", "notifier.deliveries", 6, (short) 1);

  @Test
  void theUnderscoredSpellingOfOurTopicsIsDropped() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(config.oneSpellingPerTopic(topics));

    for (String topic :
        new String[] {
          "notifier.deliveries",
          "notifier_deliveries",
          "notifier.events.DLT",
          "notifier_events_DLT",
          "notifier_deliveries-retry-60000",
          "notifier.deliveries-retry-60000",
          "someone_elses_topic"
        }) {
      Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> 1)
          .tag("topic", topic)
          .register(registry);
    }

    assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges())
        .map(g -> g.getId().getTag("topic"))
        .containsExactlyInAnyOrder(
            "notifier.deliveries",
            "notifier.events.DLT",
            "notifier.deliveries-retry-60000",
            "someone_elses_topic");
  }

  @Test
  void aMeterWithoutADescriptionGetsOne() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(config.describeUndescribedMeters());

    Gauge gauge = Gauge.builder("tomcat.sessions.active.max", () -> 1).register(registry);

    assertThat(gauge.getId().getDescription()).startsWith("tomcat sessions active max");
  }
}
