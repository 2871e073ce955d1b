package dev.notifier.cachehit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cool-down per provider and model, claimed in PostgreSQL: of two instances checking at once,
 * one claims a model and alerts it; the other finds it claimed.
 */
@Component
class CacheHitCooldowns {

  private final JdbcClient jdbc;

  CacheHitCooldowns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the model at {@code at} unless it was alerted less than {@code cooldown} before. */
  boolean claim(long providerId, String model, Instant at, Duration cooldown) {
    return jdbc.sql(
                """
                INSERT INTO cache_hit_alerts AS a (provider_id, model, alerted_at) VALUES (:provider, :model, :at)
                ON CONFLICT (provider_id, model) DO UPDATE SET alerted_at = EXCLUDED.alerted_at
                 WHERE a.alerted_at <= :quietUntil""")
            .param("provider", providerId)
            .param("model", model)
            .param("at", Timestamp.from(at))
            .param("quietUntil", Timestamp.from(at.minus(cooldown)))
            .update()
        == 1;
  }

  /** Gives a claim back when its alert could not be published, so the next check tries again. */
  void release(long providerId, String model, Instant at) {
    jdbc.sql(
            "DELETE FROM cache_hit_alerts WHERE provider_id = :provider AND model = :model"
                + " AND alerted_at = :at")
        .param("provider", providerId)
        .param("model", model)
        .param("at", Timestamp.from(at))
        .update();
  }
}
