package dev.notifier.cachehit;

import dev.notifier.base.Ticker;
import dev.notifier.binding.Bindings;
import dev.notifier.usage.CacheTtl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheHitConfiguration {

  /** The check: due every cache_hit_check_interval_minutes, asked every check-tick. */
  @Bean
  Ticker cacheHitTicker(CacheHitChecks checks, CacheHitProperties properties) {
    return new Ticker("cache-hit checks", properties.checkTick(), checks::tick);
  }

  /** The TTL the usage roll-ups judge sessions by, read from the settings at each batch. */
  @Bean
  CacheTtl cacheTtl(Bindings bindings) {
    return () -> bindings.settings().cacheHit().ttl();
  }
}
