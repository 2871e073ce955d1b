package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dedupe}: what the notifier is holding back right now. Breaker windows still open
 * with how many alerts they suppressed; breakers whose opened alert went out and that have not
 * recovered; opened alerts waiting out the flap grace; the cost levels told in each open period;
 * models in their cache-hit cool-down.
 */
@RestController
@RequestMapping("/api/dedupe")
class DedupeStateController {

  private final JdbcClient jdbc;

  private final Clock clock;

  DedupeStateController(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @GetMapping
  Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put(
        "breaker_windows",
        rows(
            "SELECT dedupe_key AS key, window_end, suppressed_count FROM alert_suppressions"
                + " WHERE window_end > :now ORDER BY window_end"));
    state.put(
        "open_breakers",
        rows("SELECT breaker_key AS key, opened_at FROM breaker_openings ORDER BY opened_at"));
    state.put(
        "pending_opened_alerts",
        rows("SELECT breaker_key AS key, opened_at, due_at FROM breaker_pending ORDER BY due_at"));
    state.put(
        "cost_levels",
        rows(
            """
            SELECT a.target_type, a.target_id, a.time_window, a.period_start, s.period_end, a.level,
                   a.quota_limit, a.updated_at
              FROM cost_alert_state a
              LEFT JOIN cost_snapshots s USING (target_type, target_id, time_window, period_start)
             WHERE s.period_end IS NULL OR s.period_end > :now
             ORDER BY a.updated_at DESC"""));
    state.put(
        "cache_hit_cooldowns",
        rows(
            """
            SELECT provider_id, model, alerted_at,
                   alerted_at + make_interval(mins => (SELECT cache_hit_cooldown_minutes
                                                         FROM notification_settings WHERE id = 1))
                     AS quiet_until
              FROM cache_hit_alerts
             WHERE alerted_at + make_interval(mins => (SELECT cache_hit_cooldown_minutes
                                                         FROM notification_settings WHERE id = 1))
                   > :now
             ORDER BY alerted_at DESC"""));
    return state;
  }

  private java.util.List<Map<String, Object>> rows(String sql) {
    // what is open is judged by the service's clock, the same one that opened it
    return jdbc.sql(sql)
        .param("now", SqlTime.now(clock))
        .query(
            (rs, n) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              var meta = rs.getMetaData();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                if (value instanceof java.sql.Timestamp t) {
                  value = t.toInstant().toString();
                } else if (value instanceof java.time.OffsetDateTime t) {
                  value = t.toInstant().toString();
                }
                row.put(meta.getColumnLabel(i), value);
              }
              return row;
            })
        .list();
  }
}
