package dev.notifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For local runs: notifications on, and a console target bound to every type. Idempotent. */
@TestConfiguration(proxyBeanMethods = false)
class LocalSeed {

  private static final Logger log = LoggerFactory.getLogger(LocalSeed.class);

  @Bean
  @ConditionalOnProperty("notifier.local.seed-log-target")
  ApplicationRunner seedLogTarget(JdbcClient jdbc) {
    return args -> {
      jdbc.sql(
              """
              UPDATE notification_settings SET enabled = TRUE, circuit_breaker_enabled = TRUE,
                     cost_alert_enabled = TRUE, daily_leaderboard_enabled = TRUE, usage_report_enabled = TRUE,
                     cache_hit_alert_enabled = TRUE""")
          .update();
      jdbc.sql(
              "INSERT INTO webhook_targets (name, channel) VALUES ('console', 'log') ON CONFLICT (name) DO NOTHING")
          .update();
      jdbc.sql(
              """
              INSERT INTO notification_bindings (notification_type, target_id)
              SELECT t.type, w.id FROM webhook_targets w,
                     (VALUES ('circuit_breaker'), ('cost_alert'), ('daily_leaderboard'), ('usage_report'),
                             ('cache_hit_alert')) AS t(type)
              WHERE w.name = 'console'
              ON CONFLICT (notification_type, target_id) DO NOTHING""")
          .update();
      log.info("local run: a 'console' log target is bound to every notification type");
    };
  }
}
