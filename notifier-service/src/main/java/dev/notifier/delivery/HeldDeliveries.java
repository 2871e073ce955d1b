package dev.notifier.delivery;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deliveries waiting in PostgreSQL, so that waiting costs their Kafka partition nothing and a
 * restart loses none: those over their target's quota, and those whose target's lane is busy with a
 * delivery that outlived its time budget. Which targets have any is also kept in memory, since
 * every delivery asks (a target with held deliveries holds new ones too, to keep order).
 */
@Repository
class HeldDeliveries {

  /** One held delivery as stored: the task's JSON and how often its digest has failed. */
  record Held(String notificationId, long targetId, String task, Instant heldAt, int attempts) {}

  /** Held deliveries per target, and whether any is due. */
  record PerTarget(long targetId, @Nullable String channel, long held, boolean due) {}

  private static final String INSERT =
      """
      INSERT INTO held_deliveries (notification_id, target_id, task, lease_until, not_before, held_at)
      VALUES (:n, :t, :task, :leaseUntil, :notBefore, :now)
      ON CONFLICT DO NOTHING""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Clock clock;
  private final Set<Long> targets = ConcurrentHashMap.newKeySet();

  /** Holds being written ({@link HeldRows}), per target: the target counts as holding already. */
  private final Map<Long, Integer> pending = new ConcurrentHashMap<>();

  /** Counts holds begun, so that {@link #forgetIfEmpty} can tell one began while it looked. */
  private final AtomicLong begun = new AtomicLong();

  private volatile Map<String, Long> heldByChannel = Map.of();

  HeldDeliveries(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  /** A hold of a task to this target is on its way ({@link HeldRows}): it holds from now on. */
  void expect(long targetId) {
    begun.incrementAndGet();
    pending.merge(targetId, 1, Integer::sum);
  }

  /** A hold {@link #expect}ed has been written, or has failed. */
  void arrived(long targetId) {
    pending.computeIfPresent(targetId, (t, n) -> n == 1 ? null : n - 1);
  }

  /** Writes many holds in one round trip (inside the caller's transaction, when it has one). */
  void holdAll(List<HeldRows.Row> rows) {
    Instant now = clock.instant();
    batch.batchUpdate(
        INSERT,
        rows.stream()
            .map(r -> params(r.task(), r.taskJson(), r.lease(), r.notBefore(), now))
            .toArray(MapSqlParameterSource[]::new));
    rows.forEach(r -> targets.add(r.task().targetId()));
  }

  private static MapSqlParameterSource params(
      DeliveryTask task,
      String taskJson,
      @Nullable Duration lease,
      @Nullable Instant notBefore,
      Instant now) {
    return new MapSqlParameterSource()
        .addValue("notBefore", SqlTime.of(notBefore == null ? now : notBefore))
        .addValue("leaseUntil", lease == null ? null : SqlTime.of(now.plus(lease)))
        .addValue("now", SqlTime.of(now))
        .addValue("n", task.notificationId())
        .addValue("t", task.targetId())
        .addValue("task", taskJson);
  }

  /** Whether deliveries to this target are being held, as of the last {@link #refresh}. */
  boolean isHolding(long targetId) {
    return targets.contains(targetId) || pending.containsKey(targetId);
  }

  boolean isHoldingAny() {
    return !targets.isEmpty() || !pending.isEmpty();
  }

  /**
   * Learns of targets with held deliveries (another instance may have held some before a rebalance)
   * and returns every target that has any. It never forgets a target: only {@link #forgetIfEmpty},
   * run in the target's lane, does, so a hold racing with it cannot be missed.
   */
  List<PerTarget> refresh() {
    List<PerTarget> rows =
        jdbc.sql(
                """
                SELECT h.target_id, min(t.channel), count(*),
                       bool_or(h.not_before <= :now AND (h.lease_until IS NULL OR h.lease_until < :now))
                  FROM held_deliveries h LEFT JOIN webhook_targets t ON t.id = h.target_id
                 GROUP BY h.target_id""")
            .param("now", SqlTime.now(clock))
            .query(
                (rs, i) ->
                    new PerTarget(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
            .list();
    Map<String, Long> byChannel = new HashMap<>();
    for (PerTarget row : rows) {
      targets.add(row.targetId());
      byChannel.merge(row.channel() == null ? "unknown" : row.channel(), row.held(), Long::sum);
    }
    heldByChannel = byChannel;
    return rows;
  }

  /** Held deliveries per channel, as of the last {@link #refresh}. */
  long heldOn(String channel) {
    return heldByChannel.getOrDefault(channel, 0L);
  }

  /**
   * Leases up to {@code max} of the target's due deliveries, oldest first, for {@code lease};
   * another instance skips them meanwhile, and they come back if this one dies before settling.
   */
  List<Held> claim(long targetId, int max, Duration lease) {
    Instant now = clock.instant();
    List<Sequenced> claimed =
        jdbc.sql(
                """
                UPDATE held_deliveries h SET lease_until = :leaseUntil
                 WHERE (h.notification_id, h.target_id) IN (
                       SELECT notification_id, target_id FROM held_deliveries
                        WHERE target_id = :t AND not_before <= :now
                          AND (lease_until IS NULL OR lease_until < :now)
                        ORDER BY seq LIMIT :max FOR UPDATE SKIP LOCKED)
                RETURNING h.notification_id, h.target_id, h.task, h.held_at, h.attempts, h.seq""")
            .param("now", SqlTime.of(now))
            .param("leaseUntil", SqlTime.of(now.plus(lease)))
            .param("t", targetId)
            .param("max", max)
            .query(
                (rs, i) ->
                    new Sequenced(
                        rs.getLong(6),
                        new Held(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getInt(5))))
            .list();
    // RETURNING comes in no particular order
    return claimed.stream()
        .sorted(Comparator.comparingLong(Sequenced::seq))
        .map(Sequenced::held)
        .toList();
  }

  private record Sequenced(long seq, Held held) {}

  /** Sent, skipped or dead-lettered: no longer held. */
  void settle(List<Held> done) {
    for (Held h : done) {
      settle(h.notificationId(), h.targetId());
    }
  }

  void settle(String notificationId, long targetId) {
    jdbc.sql("DELETE FROM held_deliveries WHERE notification_id = :n AND target_id = :t")
        .param("n", notificationId)
        .param("t", targetId)
        .update();
  }

  /** Stops holding new deliveries for the target once it has none left. */
  void forgetIfEmpty(long targetId) {
    long before = begun.get();
    if (pending.containsKey(targetId)) {
      return;
    }
    boolean any =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM held_deliveries WHERE target_id = :t)")
            .param("t", targetId)
            .query(Boolean.class)
            .single();
    if (!any) {
      targets.remove(targetId);
      if (begun.get() != before) {
        // a hold began while we looked, and may have been written after the look: keep holding
        targets.add(targetId);
      }
    }
  }

  /** Claimed but left out of the digest (it was full): free for the next one at once. */
  void release(List<Held> unsent) {
    for (Held h : unsent) {
      release(h.notificationId(), h.targetId());
    }
  }

  void release(String notificationId, long targetId) {
    jdbc.sql(
            "UPDATE held_deliveries SET lease_until = NULL WHERE notification_id = :n AND target_id = :t")
        .param("n", notificationId)
        .param("t", targetId)
        .update();
  }

  /** How often sending this held delivery has failed so far. */
  int failures(String notificationId, long targetId) {
    return jdbc.sql(
            "SELECT attempts FROM held_deliveries WHERE notification_id = :n AND target_id = :t")
        .param("n", notificationId)
        .param("t", targetId)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  /** Claimed while a mute window covers it: back to waiting, until the window ends. */
  void postpone(String notificationId, long targetId, Instant until) {
    jdbc.sql(
            """
            UPDATE held_deliveries SET lease_until = NULL, not_before = :until
             WHERE notification_id = :n AND target_id = :t""")
        .param("until", java.sql.Timestamp.from(until))
        .param("n", notificationId)
        .param("t", targetId)
        .update();
  }

  /** The send failed: try again no sooner than {@code after}. Returns the failures so far. */
  int retryAfter(String notificationId, long targetId, Duration after) {
    return jdbc.sql(
            """
            UPDATE held_deliveries SET attempts = attempts + 1, lease_until = NULL,
                   not_before = :notBefore
             WHERE notification_id = :n AND target_id = :t RETURNING attempts""")
        .param("notBefore", SqlTime.of(clock.instant().plus(after)))
        .param("n", notificationId)
        .param("t", targetId)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }
}
