package dev.notifier.delivery;

import dev.notifier.base.Ticker;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

  /** Removes attempts past {@code notifier.history.retention}, every prune interval. */
  @Bean
  Ticker historyPruning(DeliveryLog log, HistoryProperties properties, Clock clock) {
    return new Ticker(
        "history pruning",
        properties.pruneInterval(),
        () -> log.pruneAttempts(clock.instant().minus(properties.retention())));
  }
}
