package dev.notifier.delivery;

import dev.notifier.base.SqlTime;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

  // The columns each row names, shared by the one-row statements and the batch of delivered ones.
  private static final String ATTEMPT_COLUMNS =
      "delivery_attempts (notification_id, target_id, notification_type, channel, at, outcome,"
          + " reason, latency_ms, detail)";
  private static final String LOG_COLUMNS =
      "delivery_log AS d (notification_id, target_id, notification_type, channel, status, attempts,"
          + " reason, last_error, latency_ms, created_at, updated_at)";

  private static final String ATTEMPT =
      """
      INSERT INTO %s
      VALUES (:n, :t, :type, :channel, :at, :outcome, :reason, :latency, :detail)"""
          .formatted(ATTEMPT_COLUMNS);

  private static final String UPSERT =
      """
      INSERT INTO %s
      VALUES (:n, :t, :type, :channel, :status, :attempts, :reason, :error, :latency, :now, :now)
      ON CONFLICT (notification_id, target_id) DO UPDATE
         SET status = CASE WHEN d.status = 'delivered' THEN d.status ELSE EXCLUDED.status END,
             attempts = d.attempts + EXCLUDED.attempts, reason = EXCLUDED.reason,
             last_error = EXCLUDED.last_error, latency_ms = EXCLUDED.latency_ms, channel = EXCLUDED.channel,
             updated_at = EXCLUDED.updated_at"""
          .formatted(LOG_COLUMNS);

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Clock clock;

  DeliveryLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Writes many successful deliveries, their log rows and their attempts, in one statement: one
   * round trip and one commit where a transaction of two batches took four. A target's next send
   * waits for this write, so its time is every target's pace. A pair twice in one batch (which the
   * lanes do not produce) is written in a second statement: one statement may not upsert a row
   * twice.
   */
  void recordDelivered(List<Delivered> rows) {
    List<Delivered> first = new ArrayList<>();
    List<Delivered> again = new ArrayList<>();
    Set<String> pairs = new HashSet<>();
    for (Delivered r : rows) {
      (pairs.add(r.task().targetId() + "/" + r.task().notificationId()) ? first : again).add(r);
    }
    writeDelivered(first);
    if (!again.isEmpty()) {
      recordDelivered(again);
    }
  }

  private static final String DELIVERED =
      """
      WITH logged AS (
        INSERT INTO %1$s
        SELECT r.n, r.t, r.type, r.channel, 'delivered', r.attempts, NULL, NULL, r.latency, ?, ?
          FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[])
               AS r(n, t, type, channel, attempts, latency)
        ON CONFLICT (notification_id, target_id) DO UPDATE
           SET status = 'delivered', attempts = d.attempts + EXCLUDED.attempts, reason = NULL,
               last_error = NULL, latency_ms = EXCLUDED.latency_ms, channel = EXCLUDED.channel,
               updated_at = EXCLUDED.updated_at)
      INSERT INTO %2$s
      SELECT a.n, a.t, a.type, a.channel, a.at, a.outcome, a.reason, a.latency, a.detail
        FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                    ?::int[], ?::text[]) AS a(n, t, type, channel, at, outcome, reason, latency, detail)"""
          .formatted(LOG_COLUMNS, ATTEMPT_COLUMNS);

  private void writeDelivered(List<Delivered> rows) {
    int size = rows.size();
    String[] n = new String[size];
    Long[] t = new Long[size];
    String[] type = new String[size];
    String[] channel = new String[size];
    Integer[] attempts = new Integer[size];
    Integer[] latency = new Integer[size];
    // the attempts' columns, one list each, in the order of DELIVERED's second unnest
    List<Object> aN = new ArrayList<>();
    List<Object> aT = new ArrayList<>();
    List<Object> aType = new ArrayList<>();
    List<Object> aChannel = new ArrayList<>();
    List<Object> aAt = new ArrayList<>();
    List<Object> aOutcome = new ArrayList<>();
    List<Object> aReason = new ArrayList<>();
    List<Object> aLatency = new ArrayList<>();
    List<Object> aDetail = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Delivered r = rows.get(i);
      n[i] = r.task().notificationId();
      t[i] = r.task().targetId();
      type[i] = r.task().notificationType().wireName();
      channel[i] = r.channel();
      attempts[i] = r.attempts();
      latency[i] = (int) Math.min(Integer.MAX_VALUE, r.latencyMs());
      for (Deliverer.Attempt a : r.tries()) {
        aN.add(n[i]);
        aT.add(t[i]);
        aType.add(type[i]);
        aChannel.add(channel[i]);
        aAt.add(a.at().toString());
        aOutcome.add(a.outcome().label());
        aReason.add(a.reasonLabel());
        aLatency.add((int) Math.min(Integer.MAX_VALUE, a.latencyMs()));
        aDetail.add(a.detail());
      }
    }
    Object now = SqlTime.now(clock);
    batch
        .getJdbcTemplate()
        .execute(
            (ConnectionCallback<Integer>)
                con -> {
                  try (PreparedStatement ps = con.prepareStatement(DELIVERED)) {
                    int i = 0;
                    ps.setObject(++i, now);
                    ps.setObject(++i, now);
                    ps.setArray(++i, con.createArrayOf("text", n));
                    ps.setArray(++i, con.createArrayOf("bigint", t));
                    ps.setArray(++i, con.createArrayOf("text", type));
                    ps.setArray(++i, con.createArrayOf("text", channel));
                    ps.setArray(++i, con.createArrayOf("int4", attempts));
                    ps.setArray(++i, con.createArrayOf("int4", latency));
                    ps.setArray(++i, con.createArrayOf("text", aN.toArray()));
                    ps.setArray(++i, con.createArrayOf("bigint", aT.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aType.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aChannel.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aAt.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aOutcome.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aReason.toArray()));
                    ps.setArray(++i, con.createArrayOf("int4", aLatency.toArray()));
                    ps.setArray(++i, con.createArrayOf("text", aDetail.toArray()));
                    return ps.executeUpdate();
                  }
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
