package dev.notifier.dedupe;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which breakers were reported open: a recovery notice is only worth sending after an opened alert
 * went out, never for a breaker nobody was told about. The first alert of an outage keeps its time;
 * the recovery takes the record away, so the next outage starts afresh.
 */
@Service
public class BreakerOpenings {

  private final JdbcClient jdbc;

  BreakerOpenings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** When the reported outage of {@code breaker} began; empty when none was reported. */
  public Optional<Instant> reportedSince(String breaker) {
    return jdbc.sql("SELECT opened_at FROM breaker_openings WHERE breaker_key = :key")
        .param("key", breaker)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /** The outage of {@code breaker} was reported over. */
  public void recovered(String breaker) {
    jdbc.sql("DELETE FROM breaker_openings WHERE breaker_key = :key")
        .param("key", breaker)
        .update();
  }
}
