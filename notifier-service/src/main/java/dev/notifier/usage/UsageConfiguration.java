package dev.notifier.usage;

import dev.notifier.base.Ticker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

  /** Prunes request ids and roll-ups past their retention every {@code prune-interval}. */
  @Bean
  Ticker usagePruning(UsageRetention retention, UsageProperties properties) {
    return new Ticker("usage pruning", properties.pruneInterval(), retention::prune);
  }
}
