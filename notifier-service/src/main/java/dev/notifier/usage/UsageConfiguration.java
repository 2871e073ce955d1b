package dev.notifier.usage;

import dev.notifier.Ticker;
import dev.notifier.binding.Bindings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

  /** Prunes request ids and roll-ups past their retention every {@code prune-interval}. */
  @Bean
  Ticker usagePruning(UsageRetention retention, UsageProperties properties) {
    return new Ticker("usage pruning", properties.pruneInterval(), retention::prune);
  }

  /** The cache-hit roll-ups, judging sessions by the TTL the settings give at each batch. */
  @Bean
  CacheRollups cacheRollups(JdbcTemplate jdbc, Bindings bindings) {
    return new CacheRollups(jdbc, () -> bindings.settings().cacheHit().ttl());
  }
}
