package dev.notifier.ops;

import dev.notifier.base.Topics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /actuator/prometheus} shows, made trustworthy. Every series carries HELP text: some
 * libraries (Tomcat's session meters, Spring's HTTP server timers, a few Kafka client metrics)
 * register meters without a description, and a series nobody can look up is a series nobody trusts.
 * Those get their name in words and where they come from. And no topic appears under two spellings:
 * the Kafka clients report some per-topic metrics twice, once with the topic's name and once with
 * its dots turned into underscores ({@code notifier.deliveries} and {@code notifier_deliveries});
 * the second spelling is dropped for the notifier's own topics.
 */
@Configuration(proxyBeanMethods = false)
class MeterDescriptions {

  @Bean
  MeterFilter oneSpellingPerTopic(Topics topics) {
    List<String> ours =
        List.of(topics.events(), topics.eventsDlt(), topics.deliveries(), topics.deliveriesDlt());
    return MeterFilter.deny(
        id -> {
          String topic = id.getTag("topic");
          if (topic == null || !id.getName().startsWith("kafka.") || topic.contains(".")) {
            return false;
          }
          String retries = mangled(topics.deliveries()) + "-retry";
          return ours.stream().anyMatch(t -> !t.equals(topic) && mangled(t).equals(topic))
              || (!topics.deliveries().equals(mangled(topics.deliveries()))
                  && topic.startsWith(retries));
        });
  }

  private static String mangled(String topic) {
    return topic.replace('.', '_');
  }

  @Bean
  MeterFilter describeUndescribedMeters() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
          return id;
        }
        return new Meter.Id(
            id.getName(),
            io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
            id.getBaseUnit(),
            id.getName().replace('.', ' ')
                + " (as its library reports it; it gives no description)",
            id.getType());
      }
    };
  }
}
