package dev.notifier.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The Kafka clients' own metrics (consumer lag, fetch and send rates) in the registry, every client
 * looked after by one thread. Spring Boot's binding (excluded in {@code NotifierApplication}) gives
 * each client a scheduler thread of its own: with a consumer per listener thread and retry topic,
 * and the producers, that was 17 threads, each waking once a minute. The scheduler is not a bean,
 * so that it cannot stand in for the application's task scheduler.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientMetricsConfiguration implements DisposableBean {

  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

  KafkaClientMetricsConfiguration() {
    scheduler.setThreadNamePrefix("kafka-metrics-");
    scheduler.setDaemon(true);
    scheduler.initialize();
  }

  @Bean
  DefaultKafkaConsumerFactoryCustomizer kafkaConsumerMetrics(MeterRegistry registry) {
    return factory -> factory.addListener(new MicrometerConsumerListener<>(registry, scheduler));
  }

  @Bean
  DefaultKafkaProducerFactoryCustomizer kafkaProducerMetrics(MeterRegistry registry) {
    return factory -> factory.addListener(new MicrometerProducerListener<>(registry, scheduler));
  }

  @Override
  public void destroy() {
    scheduler.shutdown();
  }
}
