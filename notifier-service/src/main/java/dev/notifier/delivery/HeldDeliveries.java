package dev.notifier.delivery;

import dev.notifier.ops.NotifierMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deliveries waiting for their target's rate limit, in PostgreSQL so that holding one costs its
 * Kafka partition nothing and a restart loses none. Which targets have any is also kept in memory,
 * since every delivery asks (a target with held deliveries holds new ones too, to keep order).
 */
@Repository
class HeldDeliveries {

  /** One held delivery as stored: the task's JSON and how often its digest has failed. */
  record Held(String notificationId, long targetId, String task, Instant heldAt, int attempts) {}

  private record PerTarget(long targetId, long held, boolean due) {}

  private final JdbcClient jdbc;
  private final Set<Long> targets = ConcurrentHashMap.newKeySet();
  private final AtomicLong count = new AtomicLong();

  HeldDeliveries(JdbcClient jdbc, NotifierMetrics metrics) {
    this.jdbc = jdbc;
    metrics.heldDeliveries(count);
  }

  /** Keeps the task for later; a task already held (a redelivery) is kept once. */
  void hold(DeliveryTask task, String taskJson) {
    jdbc.sql(
            """
            INSERT INTO held_deliveries (notification_id, target_id, task)
            VALUES (:n, :t, :task) ON CONFLICT DO NOTHING""")
        .param("n", task.notificationId())
        .param("t", task.targetId())
        .param("task", taskJson)
        .update();
    targets.add(task.targetId());
  }

  /** Whether any target is known to have held deliveries. */
  boolean isHoldingAny() {
    return !targets.isEmpty();
  }

  /** Whether deliveries to this target are being held, as of the last {@link #refresh}. */
  boolean isHolding(long targetId) {
    return targets.contains(targetId);
  }

  /**
   * Learns of targets with held deliveries (another instance may have held some before a rebalance)
   * and returns those whose next digest is due. It never forgets a target: only {@link
   * #forgetIfEmpty}, run in the target's lane, does, so a hold racing with it cannot be missed.
   */
  List<Long> refresh() {
    List<Long> due = new ArrayList<>();
    long total = 0;
    for (PerTarget row :
        jdbc.sql(
                """
                SELECT target_id, count(*) AS held,
                       bool_or(not_before <= now() AND (lease_until IS NULL OR lease_until < now())) AS due
                  FROM held_deliveries GROUP BY target_id""")
            .query((rs, i) -> new PerTarget(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
            .list()) {
      targets.add(row.targetId());
      total += row.held();
      if (row.due()) {
        due.add(row.targetId());
      }
    }
    count.set(total);
    return due;
  }

  /**
   * Leases up to {@code max} of the target's oldest due deliveries for {@code lease}; another
   * instance skips them meanwhile, and they come back if this one dies before settling them.
   */
  List<Held> claim(long targetId, int max, Duration lease) {
    return jdbc
        .sql(
            """
            UPDATE held_deliveries h SET lease_until = now() + CAST(:lease AS interval)
             WHERE (h.notification_id, h.target_id) IN (
                   SELECT notification_id, target_id FROM held_deliveries
                    WHERE target_id = :t AND not_before <= now()
                      AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY held_at, notification_id LIMIT :max FOR UPDATE SKIP LOCKED)
            RETURNING h.notification_id, h.target_id, h.task, h.held_at, h.attempts""")
        .param("lease", lease.toMillis() + " milliseconds")
        .param("t", targetId)
        .param("max", max)
        .query(
            (rs, i) ->
                new Held(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant(),
                    rs.getInt(5)))
        .list()
        .stream()
        .sorted(Comparator.comparing(Held::heldAt).thenComparing(Held::notificationId))
        .toList();
  }

  /** Sent or dead-lettered: no longer held. */
  void settle(List<Held> done) {
    for (Held h : done) {
      jdbc.sql("DELETE FROM held_deliveries WHERE notification_id = :n AND target_id = :t")
          .param("n", h.notificationId())
          .param("t", h.targetId())
          .update();
    }
  }

  /** Stops holding new deliveries for the target once it has none left. */
  void forgetIfEmpty(long targetId) {
    boolean any =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM held_deliveries WHERE target_id = :t)")
            .param("t", targetId)
            .query(Boolean.class)
            .single();
    if (!any) {
      targets.remove(targetId);
    }
  }

  /** Claimed but left out of the digest (it was full): free for the next one at once. */
  void release(List<Held> unsent) {
    for (Held h : unsent) {
      jdbc.sql(
              "UPDATE held_deliveries SET lease_until = NULL WHERE notification_id = :n AND target_id = :t")
          .param("n", h.notificationId())
          .param("t", h.targetId())
          .update();
    }
  }

  /** The digest failed: try again no sooner than {@code after}. */
  void retryAfter(List<Held> failed, Duration after) {
    for (Held h : failed) {
      jdbc.sql(
              """
              UPDATE held_deliveries SET attempts = attempts + 1, lease_until = NULL,
                     not_before = now() + CAST(:after AS interval)
               WHERE notification_id = :n AND target_id = :t""")
          .param("after", after.toMillis() + " milliseconds")
          .param("n", h.notificationId())
          .param("t", h.targetId())
          .update();
    }
  }
}
