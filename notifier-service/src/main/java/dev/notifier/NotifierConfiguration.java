package dev.notifier;

import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Shared beans: the clock and the topics this service owns (retry topics are declared by delivery).
 */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

  @Bean
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
