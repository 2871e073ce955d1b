package dev.notifier.dedupe;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each cost-alert level is sent once per target, window and period, and a higher level still goes
 * out after a lower one (the bug other notifiers had: only the first alert, or the same alert every
 * interval).
 */
@Service
public class CostAlertClaims {

  private final JdbcClient jdbc;
  private final Clock clock;

  CostAlertClaims(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * True when {@code level} has not been alerted yet for this period and quota, or {@code eventId}
   * already owns it. A different quota than the one the last level was alerted against starts the
   * levels afresh: the levels were fractions of the old one.
   */
  public boolean claim(
      String targetType,
      long targetId,
      String window,
      Instant periodStart,
      java.math.BigDecimal quota,
      int level,
      String eventId) {
    return jdbc.sql(
            """
            INSERT INTO cost_alert_state AS s
                   (target_type, target_id, time_window, period_start, level, event_id, quota_limit, updated_at)
            VALUES (:type, :id, :window, :start, :level, :event, :quota, :now)
            ON CONFLICT (target_type, target_id, time_window, period_start) DO UPDATE
               SET level = EXCLUDED.level, event_id = EXCLUDED.event_id, quota_limit = EXCLUDED.quota_limit,
                   updated_at = EXCLUDED.updated_at
             WHERE s.level < EXCLUDED.level OR s.event_id = EXCLUDED.event_id
                OR (s.quota_limit IS NOT NULL AND s.quota_limit <> EXCLUDED.quota_limit)
            RETURNING level""")
        .param("type", targetType)
        .param("id", targetId)
        .param("window", window)
        .param("start", OffsetDateTime.ofInstant(periodStart, ZoneOffset.UTC))
        .param("level", level)
        .param("event", eventId)
        .param("quota", quota)
        .param("now", SqlTime.now(clock))
        .query(Integer.class)
        .optional()
        .isPresent();
  }
}
