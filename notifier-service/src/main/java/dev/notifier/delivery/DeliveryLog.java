package dev.notifier.delivery;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of what reached whom: one row per (notification, target). */
@Repository
class DeliveryLog {

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean isDelivered(String notificationId, long targetId) {
    return jdbc.sql(
            "SELECT 1 FROM delivery_log WHERE notification_id = :n AND target_id = :t AND status = 'delivered'")
        .param("n", notificationId)
        .param("t", targetId)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  /**
   * Records an outcome and returns the attempts made so far for this pair, across retry topics and
   * replays.
   */
  int record(
      DeliveryTask task,
      String channel,
      String status,
      int attempts,
      @Nullable String reason,
      @Nullable String lastError,
      @Nullable Long latencyMs) {
    return jdbc.sql(
            """
            INSERT INTO delivery_log AS d (notification_id, target_id, notification_type, channel, status, attempts,
                                           reason, last_error, latency_ms)
            VALUES (:n, :t, :type, :channel, :status, :attempts, :reason, :error, :latency)
            ON CONFLICT (notification_id, target_id) DO UPDATE
               SET status = EXCLUDED.status, attempts = d.attempts + EXCLUDED.attempts, reason = EXCLUDED.reason,
                   last_error = EXCLUDED.last_error, latency_ms = EXCLUDED.latency_ms, channel = EXCLUDED.channel,
                   updated_at = now()
            RETURNING attempts""")
        .param("n", task.notificationId())
        .param("t", task.targetId())
        .param("type", task.notificationType())
        .param("channel", channel)
        .param("status", status)
        .param("attempts", attempts)
        .param("reason", reason)
        .param("error", lastError)
        .param("latency", latencyMs == null ? null : latencyMs.intValue())
        .query(Integer.class)
        .single();
  }
}
