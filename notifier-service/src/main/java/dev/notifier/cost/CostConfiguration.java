package dev.notifier.cost;

import dev.notifier.base.Ticker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CostConfiguration {

  /** The periodic cost check: due every cost_check_interval_minutes, asked every check-tick. */
  @Bean
  Ticker costCheckTicker(CostChecks checks, CostProperties properties) {
    return new Ticker("cost checks", properties.checkTick(), checks::tick);
  }
}
