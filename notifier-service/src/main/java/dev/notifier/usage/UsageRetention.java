package dev.notifier.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets what is older than its retention: request ids past {@code seen-retention} (no replay can
 * bring them back by then), hourly roll-ups past {@code rollup-retention}, the cache-hit alert's
 * five-minute roll-ups past its longest baseline, and sessions idle past any cache TTL. In chunks,
 * so a large backlog never holds long locks against the writers; any instance may do it, and two at
 * once do no harm.
 */
@Component
class UsageRetention {

  private static final int CHUNK = 10_000;

  /** The five-minute cache roll-ups: the longest baseline (30 days) and its window, and a day. */
  static final Duration CACHE_RETENTION = Duration.ofDays(32);

  private final JdbcClient jdbc;
  private final UsageProperties properties;
  private final Clock clock;

  UsageRetention(JdbcClient jdbc, UsageProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Prunes every usage table as of now; returns the rows removed. */
  public long prune() {
    Instant now = clock.instant();
    return prune("usage_seen", "seen_at", Timestamp.from(now.minus(properties.seenRetention())))
        + prune("usage_hourly", "hour", Timestamp.from(now.minus(properties.rollupRetention())))
        + prune("usage_cache_5m", "bucket", Timestamp.from(now.minus(CACHE_RETENTION)))
        // a session idle longer than any TTL (24 h at most) has no request left to judge by it
        + prune("usage_sessions", "last_at", Timestamp.from(now.minus(Duration.ofDays(2))));
  }

  private long prune(String table, String column, Timestamp before) {
    long removed = 0;
    int n;
    do {
      n =
          jdbc.sql(
                  "DELETE FROM "
                      + table
                      + " WHERE ctid IN (SELECT ctid FROM "
                      + table
                      + " WHERE "
                      + column
                      + " < :before LIMIT "
                      + CHUNK
                      + ")")
              .param("before", before)
              .update();
      removed += n;
    } while (n == CHUNK);
    return removed;
  }
}
