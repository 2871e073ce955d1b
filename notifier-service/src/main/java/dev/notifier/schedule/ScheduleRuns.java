package dev.notifier.schedule;

import dev.notifier.base.SqlTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims on scheduled fires ({@code schedule_runs}). A claim is one INSERT: of instances racing for
 * the same fire (or the same period), exactly one gets the row. Claims are not locks: nothing is
 * held while the notification is made, and a claim whose instance died is taken over after {@code
 * reclaimAfter}.
 */
@Repository
class ScheduleRuns {

  enum Status {
    CLAIMED,
    SENT,
    EMPTY,
    SKIPPED;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  ScheduleRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The latest finished fire of each schedule (one still claimed may have to be taken over). */
  Map<String, Instant> latestFires() {
    Map<String, Instant> latest = new HashMap<>();
    jdbc.sql(
            "SELECT schedule_key, max(fire_time) AS fire FROM schedule_runs"
                + " WHERE status <> 'claimed' GROUP BY schedule_key")
        .query(
            rs -> {
              latest.put(rs.getString("schedule_key"), rs.getTimestamp("fire").toInstant());
            });
    return latest;
  }

  /**
   * True for the one caller that now owns this fire: it inserted the row, or took over a claim left
   * unfinished for longer than {@code reclaimAfter}. False when the fire, or another fire of the
   * same period, is someone else's or done.
   */
  boolean claim(
      String key,
      Instant fire,
      @Nullable String period,
      Status status,
      String me,
      Duration reclaimAfter) {
    int inserted =
        jdbc.sql(
                """
                INSERT INTO schedule_runs (schedule_key, fire_time, period, status, claimed_by, claimed_at,
                                           finished_at)
                VALUES (:key, :fire, :period, :status, :me, :now,
                        CASE WHEN :status = 'claimed' THEN NULL ELSE CAST(:now AS timestamptz) END)
                ON CONFLICT DO NOTHING""")
            .param("now", SqlTime.now(clock))
            .param("key", key)
            .param("fire", Timestamp.from(fire))
            .param("period", period)
            .param("status", status.word())
            .param("me", me)
            .update();
    if (inserted == 1 || status != Status.CLAIMED) {
      return inserted == 1;
    }
    return jdbc.sql(
                """
                UPDATE schedule_runs SET claimed_by = :me, claimed_at = :now
                 WHERE schedule_key = :key AND fire_time = :fire AND status = 'claimed'
                   AND claimed_at < :staleBefore""")
            .param("now", SqlTime.now(clock))
            .param("staleBefore", SqlTime.of(clock.instant().minus(reclaimAfter)))
            .param("me", me)
            .param("key", key)
            .param("fire", Timestamp.from(fire))
            .update()
        == 1;
  }

  /**
   * Forgets finished fires before {@code before}, in chunks; returns how many. A claim still open
   * is kept whatever its age: it is what a takeover would look for.
   */
  long prune(Instant before) {
    long removed = 0;
    int n;
    do {
      n =
          jdbc.sql(
                  "DELETE FROM schedule_runs WHERE ctid IN (SELECT ctid FROM schedule_runs"
                      + " WHERE fire_time < :before AND status <> 'claimed' LIMIT 10000)")
              .param("before", Timestamp.from(before))
              .update();
      removed += n;
    } while (n == 10_000);
    return removed;
  }

  void finish(String key, Instant fire, Status status) {
    jdbc.sql(
            "UPDATE schedule_runs SET status = :status, finished_at = :now"
                + " WHERE schedule_key = :key AND fire_time = :fire")
        .param("now", SqlTime.now(clock))
        .param("status", status.word())
        .param("key", key)
        .param("fire", Timestamp.from(fire))
        .update();
  }
}
