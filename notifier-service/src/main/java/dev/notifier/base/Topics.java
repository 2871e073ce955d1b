package dev.notifier.base;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic names. The dead-letter topics are the source topic's name plus {@code .DLT}.
 *
 * @param partitions for topics the notifier creates itself; the unit of parallelism across
 *     instances
 */
@ConfigurationProperties("notifier.topics")
public record Topics(
    @DefaultValue("notifier.events") String events,
    @DefaultValue("notifier.deliveries") String deliveries,
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor) {

  public static final String DLT_SUFFIX = ".DLT";

  public String eventsDlt() {
    return events + DLT_SUFFIX;
  }

  public String deliveriesDlt() {
    return deliveries + DLT_SUFFIX;
  }
}
