package dev.notifier;

import dev.notifier.base.Topics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Shared beans: the clock and the topics this service owns (retry topics are declared by delivery).
 */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

  /**
   * The one clock every time-based decision reads, in Java and (as a parameter) in SQL, so that a
   * test can set the date for the whole service; a test registers its own before the context
   * starts.
   */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  NewTopic eventsTopic(Topics topics) {
    return TopicBuilder.name(topics.events())
        .partitions(topics.partitions())
        .replicas(topics.replicationFactor())
        .build();
  }

  @Bean
  NewTopic eventsDeadLetterTopic(Topics topics) {
    return TopicBuilder.name(topics.eventsDlt())
        .partitions(topics.partitions())
        .replicas(topics.replicationFactor())
        .build();
  }

  @Bean
  NewTopic deliveriesTopic(Topics topics) {
    return TopicBuilder.name(topics.deliveries())
        .partitions(topics.partitions())
        .replicas(topics.replicationFactor())
        .build();
  }
}
