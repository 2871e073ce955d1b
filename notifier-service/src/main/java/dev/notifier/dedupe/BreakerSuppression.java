package dev.notifier.dedupe;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One alert per key per window, decided by a single statement: the row lock taken by the upsert
 * serialises concurrent claimants, so two instances can never both win. The event that owns the
 * window wins again when it is redelivered, so a retry after a crash is never mistaken for a
 * duplicate.
 */
@Service
public class BreakerSuppression {

  private final JdbcClient jdbc;
  private final DedupeProperties properties;
  private final Clock clock;

  BreakerSuppression(JdbcClient jdbc, DedupeProperties properties, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * True when {@code eventId} owns the window for {@code key} (a new window, or its own); false
   * when suppressed.
   */
  // No surrounding transaction: the claim is one statement, and the suppressed counter is a
  // separate
  // increment that needs no atomicity with it; autocommit saves three round trips per event.
  public boolean claim(String key, String eventId) {
    Instant now = clock.instant();
    boolean owner =
        jdbc.sql(
                """
                INSERT INTO alert_suppressions AS s (dedupe_key, owner_event_id, window_end, updated_at)
                VALUES (:key, :event, :windowEnd, :now)
                ON CONFLICT (dedupe_key) DO UPDATE
                   SET owner_event_id = EXCLUDED.owner_event_id,
                       window_end = CASE WHEN s.owner_event_id = EXCLUDED.owner_event_id
                                         THEN s.window_end ELSE EXCLUDED.window_end END,
                       suppressed_count = CASE WHEN s.owner_event_id = EXCLUDED.owner_event_id
                                               THEN s.suppressed_count ELSE 0 END,
                       updated_at = :now
                 WHERE s.window_end <= :now OR s.owner_event_id = EXCLUDED.owner_event_id
                RETURNING owner_event_id""")
            .param("key", key)
            .param("event", eventId)
            .param("windowEnd", SqlTime.of(now.plus(properties.breakerWindow())))
            .param("now", SqlTime.of(now))
            .query(String.class)
            .optional()
            .isPresent();
    if (!owner) {
      jdbc.sql(
              "UPDATE alert_suppressions SET suppressed_count = suppressed_count + 1, updated_at = :now"
                  + " WHERE dedupe_key = :key")
          .param("now", SqlTime.of(now))
          .param("key", key)
          .update();
    }
    return owner;
  }
}
