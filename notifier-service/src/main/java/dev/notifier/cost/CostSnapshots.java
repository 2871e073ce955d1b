package dev.notifier.cost;

import dev.notifier.events.CostSnapshot;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The latest snapshot per target, window and period ({@code cost_snapshots}). */
@Repository
class CostSnapshots {

  /** A stored snapshot and the event that brought it. */
  record Stored(CostSnapshot snapshot, String eventId, Instant eventTime, int checkedLevel) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  CostSnapshots(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Keeps this one unless a later one (by event time) is stored already. */
  void save(CostSnapshot s, String eventId, Instant eventTime) {
    jdbc.sql(
            """
            INSERT INTO cost_snapshots AS c (target_type, target_id, time_window, period_start, period_end,
                                             snapshot, event_id, event_time)
            VALUES (:type, :id, :window, :start, :end, :snapshot, :event, :time)
            ON CONFLICT (target_type, target_id, time_window, period_start) DO UPDATE
               SET period_end = EXCLUDED.period_end, snapshot = EXCLUDED.snapshot,
                   event_id = EXCLUDED.event_id, event_time = EXCLUDED.event_time, checked_level = 0
             WHERE c.event_time <= EXCLUDED.event_time""")
        .param("type", s.targetType().name().toLowerCase(Locale.ROOT))
        .param("id", s.targetId())
        .param("window", s.window().name().toLowerCase(Locale.ROOT))
        .param("start", Timestamp.from(s.periodStart()))
        .param("end", s.periodEnd() == null ? null : Timestamp.from(s.periodEnd()))
        .param("snapshot", json.writeValueAsString(s))
        .param("event", eventId)
        .param("time", Timestamp.from(eventTime))
        .update();
  }

  /** Snapshots of periods not yet over at {@code now} (a period without an end never is). */
  List<Stored> open(Instant now) {
    return jdbc.sql(
            """
            SELECT snapshot, event_id, event_time, checked_level FROM cost_snapshots
             WHERE period_end IS NULL OR period_end > :now
             ORDER BY target_type, target_id, time_window, period_start""")
        .param("now", Timestamp.from(now))
        .query(
            (rs, i) ->
                new Stored(
                    json.readValue(rs.getString("snapshot"), CostSnapshot.class),
                    rs.getString("event_id"),
                    rs.getTimestamp("event_time").toInstant(),
                    rs.getInt("checked_level")))
        .list();
  }

  /** The check has seen {@code level} told for this snapshot (the same event still stored). */
  void checked(Stored s, int level) {
    CostSnapshot c = s.snapshot();
    jdbc.sql(
            """
            UPDATE cost_snapshots SET checked_level = greatest(checked_level, :level)
             WHERE target_type = :type AND target_id = :id AND time_window = :window
               AND period_start = :start AND event_id = :event""")
        .param("level", level)
        .param("type", c.targetType().name().toLowerCase(Locale.ROOT))
        .param("id", c.targetId())
        .param("window", c.window().name().toLowerCase(Locale.ROOT))
        .param("start", Timestamp.from(c.periodStart()))
        .param("event", s.eventId())
        .update();
  }

  /** Forgets snapshots of periods over for a day, and endless ones not updated for 35 days. */
  void prune(Instant now) {
    jdbc.sql(
            """
            DELETE FROM cost_snapshots
             WHERE period_end < :dayAgo OR (period_end IS NULL AND event_time < :longAgo)""")
        .param("dayAgo", Timestamp.from(now.minus(java.time.Duration.ofDays(1))))
        .param("longAgo", Timestamp.from(now.minus(java.time.Duration.ofDays(35))))
        .update();
  }
}
