package dev.notifier.cachehit;

import dev.notifier.Ticker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheHitConfiguration {

  /** The check: due every cache_hit_check_interval_minutes, asked every check-tick. */
  @Bean
  Ticker cacheHitTicker(CacheHitChecks checks, CacheHitProperties properties) {
    return new Ticker("cache-hit checks", properties.checkTick(), checks::tick);
  }
}
