package dev.notifier.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where {@link Throttle} keeps what it must not forget in a restart or a move of the target to
 * another instance: each attempt to a target with a quota, and how long a platform asked for
 * silence. Only targets with a quota are written, at most their quota's worth per window.
 */
@Repository
class ThrottleWindows {

  /** Remembers nothing: for tests of the window arithmetic alone. */
  static final ThrottleWindows NONE = new ThrottleWindows(null);

  private final @Nullable JdbcClient jdbc;

  ThrottleWindows(@Nullable JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The target's attempts since {@code since}, oldest first, at most the {@code most} latest. */
  List<Instant> sentSince(long targetId, Instant since, int most) {
    if (jdbc == null) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT sent_at FROM (
                SELECT sent_at FROM target_sends WHERE target_id = :t AND sent_at > :since
                 ORDER BY sent_at DESC LIMIT :most) recent
             ORDER BY sent_at""")
        .param("t", targetId)
        .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .param("most", most)
        .query((rs, i) -> rs.getTimestamp(1).toInstant())
        .list();
  }

  /**
   * {@code requests} sends to the target at {@code at}: as answered, or (from {@link
   * Throttle#reserve}) before they are made, at the latest moment the platform can count them.
   */
  void sent(long targetId, Instant at, int requests) {
    if (jdbc == null) {
      return;
    }
    jdbc.sql(
            "INSERT INTO target_sends (target_id, sent_at)"
                + " SELECT :t, :at FROM generate_series(1, :n)")
        .param("t", targetId)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("n", requests)
        .update();
  }

  /** The sends written down ahead at {@code reserved} were answered at {@code at}. */
  void answered(long targetId, Instant reserved, Instant at) {
    if (jdbc == null) {
      return;
    }
    jdbc.sql("UPDATE target_sends SET sent_at = :at WHERE target_id = :t AND sent_at = :reserved")
        .param("t", targetId)
        .param("reserved", OffsetDateTime.ofInstant(reserved, ZoneOffset.UTC))
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .update();
  }

  @Nullable Instant quietUntil(long targetId) {
    if (jdbc == null) {
      return null;
    }
    return jdbc.sql("SELECT quiet_until FROM target_quiet WHERE target_id = :t")
        .param("t", targetId)
        .query((rs, i) -> rs.getTimestamp(1).toInstant())
        .optional()
        .orElse(null);
  }

  void quiet(long targetId, Instant until) {
    if (jdbc == null) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO target_quiet (target_id, quiet_until) VALUES (:t, :until)
            ON CONFLICT (target_id) DO UPDATE SET quiet_until = greatest(target_quiet.quiet_until, EXCLUDED.quiet_until)""")
        .param("t", targetId)
        .param("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
        .update();
  }

  /** Drops what no window can still need: sends and quiet spells that ended before then. */
  int prune(Instant before) {
    if (jdbc == null) {
      return 0;
    }
    OffsetDateTime cutoff = OffsetDateTime.ofInstant(before, ZoneOffset.UTC);
    int sends =
        jdbc.sql("DELETE FROM target_sends WHERE sent_at < :cutoff")
            .param("cutoff", cutoff)
            .update();
    return sends
        + jdbc.sql("DELETE FROM target_quiet WHERE quiet_until < :cutoff")
            .param("cutoff", cutoff)
            .update();
  }
}
