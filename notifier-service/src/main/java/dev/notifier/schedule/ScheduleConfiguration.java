package dev.notifier.schedule;

import dev.notifier.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

  /** Looks for due fires every {@code notifier.schedule.tick}. */
  @Bean
  Ticker scheduleTicker(Schedules schedules, ScheduleProperties properties) {
    return new Ticker("scheduled notifications", properties.tick(), schedules::tick);
  }

  /** Forgets fires past {@code run-retention}, hourly. */
  @Bean
  Ticker scheduleRunPruning(ScheduleRuns runs, ScheduleProperties properties, Clock clock) {
    return new Ticker(
        "schedule run pruning",
        Duration.ofHours(1),
        () -> runs.prune(clock.instant().minus(properties.runRetention())));
  }
}
