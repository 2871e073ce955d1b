package dev.notifier.delivery;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The record of what reached whom: one row per (notification, target). */
@Repository
class DeliveryLog {

  // Once delivered, a pair stays delivered: a later record of it (held while it was in flight, a
  // skipped redelivery) must not make it look undelivered, and a replay send it again.

  /** A successful delivery waiting to be written; {@code written} completes once it is. */
  record Delivered(
      DeliveryTask task,
      String channel,
      int attempts,
      long latencyMs,
      List<Deliverer.Attempt> tries,
      CompletableFuture<Void> written) {}

  private static final String ATTEMPT =
      """
      INSERT INTO delivery_attempts (notification_id, target_id, notification_type, channel, at, outcome, reason,
                                     latency_ms, detail)
      VALUES (:n, :t, :type, :channel, :at, :outcome, :reason, :latency, :detail)""";

  private static final String UPSERT =
      """
      INSERT INTO delivery_log AS d (notification_id, target_id, notification_type, channel, status, attempts,
                                     reason, last_error, latency_ms, created_at, updated_at)
      VALUES (:n, :t, :type, :channel, :status, :attempts, :reason, :error, :latency, :now, :now)
      ON CONFLICT (notification_id, target_id) DO UPDATE
         SET status = CASE WHEN d.status = 'delivered' THEN d.status ELSE EXCLUDED.status END,
             attempts = d.attempts + EXCLUDED.attempts, reason = EXCLUDED.reason,
             last_error = EXCLUDED.last_error, latency_ms = EXCLUDED.latency_ms, channel = EXCLUDED.channel,
             updated_at = EXCLUDED.updated_at""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final TransactionTemplate transaction;
  private final Clock clock;

  DeliveryLog(
      JdbcClient jdbc,
      NamedParameterJdbcTemplate batch,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Writes many successful deliveries in one round trip and one commit. */
  void recordDelivered(List<Delivered> rows) {
    MapSqlParameterSource[] params =
        rows.stream()
            .map(
                r ->
                    params(
                            r.task(),
                            r.channel(),
                            DeliveryStatus.DELIVERED,
                            r.attempts(),
                            null,
                            null)
                        .addValue("latency", (int) r.latencyMs()))
            .toArray(MapSqlParameterSource[]::new);
    MapSqlParameterSource[] tries =
        rows.stream()
            .flatMap(r -> attemptParams(r.task(), r.channel(), r.tries()).stream())
            .toArray(MapSqlParameterSource[]::new);
    transaction.executeWithoutResult(
        status -> {
          batch.batchUpdate(UPSERT, params);
          batch.batchUpdate(ATTEMPT, tries);
        });
  }

  /** Records held tasks, many in one round trip (inside the caller's transaction). */
  void recordHeld(List<HeldRows.Row> rows) {
    batch.batchUpdate(
        UPSERT,
        rows.stream()
            .map(
                r ->
                    params(r.task(), r.channel(), DeliveryStatus.HELD, 0, r.reason().label(), null)
                        .addValue("latency", null, java.sql.Types.INTEGER))
            .toArray(MapSqlParameterSource[]::new));
  }

  /** Adds each attempt of a delivery to the history (one row per attempt). */
  void recordAttempts(DeliveryTask task, String channel, List<Deliverer.Attempt> tries) {
    if (!tries.isEmpty()) {
      batch.batchUpdate(
          ATTEMPT, attemptParams(task, channel, tries).toArray(MapSqlParameterSource[]::new));
    }
  }

  private static List<MapSqlParameterSource> attemptParams(
      DeliveryTask task, String channel, List<Deliverer.Attempt> tries) {
    return tries.stream()
        .map(
            a ->
                new MapSqlParameterSource()
                    .addValue("n", task.notificationId())
                    .addValue("t", task.targetId())
                    .addValue("type", task.notificationType().wireName())
                    .addValue("channel", channel)
                    .addValue("at", java.sql.Timestamp.from(a.at()))
                    .addValue("outcome", a.outcome().label())
                    .addValue("reason", a.reasonLabel())
                    .addValue("latency", (int) Math.min(Integer.MAX_VALUE, a.latencyMs()))
                    .addValue("detail", a.detail()))
        .toList();
  }

  /** Forgets attempts before {@code before}, in chunks; returns how many. */
  long pruneAttempts(java.time.Instant before) {
    long removed = 0;
    int n;
    do {
      n =
          jdbc.sql(
                  "DELETE FROM delivery_attempts WHERE id IN (SELECT id FROM delivery_attempts"
                      + " WHERE at < :before LIMIT 10000)")
              .param("before", java.sql.Timestamp.from(before))
              .update();
      removed += n;
    } while (n == 10_000);
    return removed;
  }

  boolean isDelivered(String notificationId, long targetId) {
    return jdbc.sql(
            "SELECT 1 FROM delivery_log WHERE notification_id = :n AND target_id = :t AND status = :s")
        .param("s", DeliveryStatus.DELIVERED.label())
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
      DeliveryStatus status,
      int attempts,
      @Nullable String reason,
      @Nullable String lastError,
      @Nullable Long latencyMs) {
    return jdbc.sql(UPSERT + " RETURNING attempts")
        .paramSource(
            params(task, channel, status, attempts, reason, lastError)
                .addValue("latency", latencyMs == null ? null : latencyMs.intValue()))
        .query(Integer.class)
        .single();
  }

  private MapSqlParameterSource params(
      DeliveryTask task,
      String channel,
      DeliveryStatus status,
      int attempts,
      @Nullable String reason,
      @Nullable String lastError) {
    return new MapSqlParameterSource()
        .addValue("n", task.notificationId())
        .addValue("t", task.targetId())
        .addValue("type", task.notificationType().wireName())
        .addValue("channel", channel)
        .addValue("status", status.label())
        .addValue("attempts", attempts)
        .addValue("reason", reason)
        .addValue("error", lastError)
        .addValue("now", SqlTime.now(clock));
  }
}
