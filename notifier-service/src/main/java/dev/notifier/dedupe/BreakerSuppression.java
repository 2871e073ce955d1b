package dev.notifier.dedupe;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
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

  /** The claim above as a CTE, and the opening inserted only when it returned the owner. */
  private static final String WITH_OPENING =
      """
      ), opened AS (
        INSERT INTO breaker_openings (breaker_key, opened_at, event_id, recorded_at)
        SELECT :breaker, :openedAt, :event, :now FROM claimed
        ON CONFLICT (breaker_key) DO NOTHING)
      SELECT owner_event_id FROM claimed""";

  private final JdbcClient jdbc;
  private final DedupeProperties properties;
  private final Clock clock;

  BreakerSuppression(JdbcClient jdbc, DedupeProperties properties, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** A breaker's outage, recorded with its opened alert's claim ({@link BreakerOpenings}). */
  public record Opening(String breaker, Instant at) {}

  /**
   * True when {@code eventId} owns the window for {@code key} (a new window, or its own); false
   * when suppressed.
   */
  public boolean claim(String key, String eventId) {
    return claim(key, eventId, null);
  }

  /**
   * The same, and when the claim is won, {@code opening} is recorded by the same statement: a won
   * opened alert always has its outage on record for the recovery notice (as two statements, a
   * failure between them left a claim whose recovery was never told), and an event costs one round
   * trip and one commit instead of two.
   */
  // No surrounding transaction: the claim is one statement, and the suppressed counter is a
  // separate increment that needs no atomicity with it; autocommit saves round trips per event.
  public boolean claim(String key, String eventId, @Nullable Opening opening) {
    Instant now = clock.instant();
    boolean owner =
        jdbc.sql(
                (opening == null ? "" : "WITH claimed AS (")
                    + """
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
                RETURNING owner_event_id"""
                    + (opening == null ? "" : WITH_OPENING))
            .param("key", key)
            .param("breaker", opening == null ? "" : opening.breaker())
            .param("openedAt", SqlTime.of(opening == null ? now : opening.at()))
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
