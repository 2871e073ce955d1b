package dev.notifier.usage;

import dev.notifier.events.UsageRecorded;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The five-minute roll-ups the cache-hit-rate alert reads, written with the hourly ones (same
 * transaction, same counted requests, so exactly once too). A request is <em>eligible</em> for a
 * cache hit when the previous request of its session came at most the cache's TTL before it: a
 * session's first request, or one after a long pause, cannot hit a warm cache and would make a
 * healthy cache look cold.
 */
@Component
class CacheRollups {

  static final Duration BUCKET = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final CacheTtl ttl;

  CacheRollups(JdbcTemplate jdbc, CacheTtl ttl) {
    this.jdbc = jdbc;
    this.ttl = ttl;
  }

  /**
   * Adds these requests, counted for the first time, to their buckets; in the caller's transaction.
   */
  void record(List<UsageRecorded> counted) {
    if (counted.isEmpty()) {
      return;
    }
    Map<UsageRecorded, Boolean> eligible = judgeSessions(counted);
    Map<Key, Sums> sums = new TreeMap<>(Key.ORDER);
    for (UsageRecorded u : counted) {
      sums.computeIfAbsent(Key.of(u), k -> new Sums()).add(u, eligible.getOrDefault(u, false));
    }
    upsert(sums);
  }

  /**
   * Which session requests came within the TTL of their session's previous request: the previous
   * one in this batch, else the latest one stored. Returns only requests that carry a session.
   */
  private Map<UsageRecorded, Boolean> judgeSessions(List<UsageRecorded> counted) {
    Map<String, List<UsageRecorded>> bySession = new TreeMap<>();
    for (UsageRecorded u : counted) {
      if (u.sessionId() != null) {
        bySession.computeIfAbsent(u.sessionId(), s -> new ArrayList<>()).add(u);
      }
    }
    // by identity: a record's own hashCode walks all eighteen fields, for every request of a batch
    Map<UsageRecorded, Boolean> eligible = new IdentityHashMap<>();
    if (bySession.isEmpty()) {
      return eligible;
    }
    Duration ttl = this.ttl.now();
    Map<String, Last> stored = stored(bySession.keySet());
    Map<String, Last> latest = new TreeMap<>();
    for (Map.Entry<String, List<UsageRecorded>> e : bySession.entrySet()) {
      List<UsageRecorded> requests = e.getValue();
      requests.sort(IN_SESSION);
      Last previous = stored.get(e.getKey());
      for (UsageRecorded u : requests) {
        boolean follows =
            previous != null
                && !(u.sessionSeq() != null && u.sessionSeq() == 1)
                && (previous.seq() == null
                    || u.sessionSeq() == null
                    || previous.seq() < u.sessionSeq());
        eligible.put(u, follows && previous != null && within(previous.at(), u.time(), ttl));
        previous = Last.later(previous, new Last(u.sessionSeq(), u.time()));
      }
      latest.put(e.getKey(), previous);
    }
    saveLatest(latest);
    return eligible;
  }

  private static boolean within(Instant previous, Instant at, Duration ttl) {
    Duration gap = Duration.between(previous, at);
    return !gap.isNegative() && gap.compareTo(ttl) <= 0;
  }

  private static final Comparator<UsageRecorded> IN_SESSION =
      Comparator.comparing(
              (UsageRecorded u) -> u.sessionSeq() == null ? Integer.MAX_VALUE : u.sessionSeq())
          .thenComparing(UsageRecorded::time);

  private Map<String, Last> stored(java.util.Set<String> sessions) {
    return jdbc.execute(
        (Connection c) -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  // A join, not "session_id = ANY(?)": prepared while the table still looked
                  // empty (a fresh database, before autovacuum's first analyze) the latter was
                  // planned once as a sequential scan testing every row against every id of the
                  // batch, 40-66 ms a batch at 25,000 sessions, and the plan stayed through a
                  // benchmark run. Planned as badly, a join hashes the ids: one pass, not a
                  // product; planned with statistics, it probes the primary key per id.
                  "SELECT s.session_id, s.last_seq, s.last_at FROM unnest(?::text[]) AS q(id)"
                      + " JOIN usage_sessions s ON s.session_id = q.id")) {
            ps.setArray(1, c.createArrayOf("text", sessions.toArray()));
            Map<String, Last> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1),
                    new Last(
                        (Integer) rs.getObject(2, Integer.class), rs.getTimestamp(3).toInstant()));
              }
            }
            return out;
          }
        });
  }

  private void saveLatest(Map<String, Last> latest) {
    int n = latest.size();
    String[] ids = latest.keySet().toArray(String[]::new);
    @Nullable Integer[] seqs = new Integer[n];
    Timestamp[] ats = new Timestamp[n];
    for (int i = 0; i < n; i++) {
      Last l = Objects.requireNonNull(latest.get(ids[i]));
      seqs[i] = l.seq();
      ats[i] = Timestamp.from(l.at());
    }
    jdbc.execute(
        (Connection c) -> {
          // rows in key order (the map is sorted): concurrent writers wait instead of deadlocking
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  INSERT INTO usage_sessions AS s (session_id, last_seq, last_at)
                  SELECT * FROM unnest(?::text[], ?::integer[], ?::timestamptz[])
                  ON CONFLICT (session_id) DO UPDATE
                     SET last_seq = CASE WHEN s.last_seq IS NULL OR EXCLUDED.last_seq IS NULL THEN EXCLUDED.last_seq
                                         ELSE greatest(s.last_seq, EXCLUDED.last_seq) END,
                         last_at = greatest(s.last_at, EXCLUDED.last_at)""")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("integer", seqs));
            ps.setArray(3, c.createArrayOf("timestamptz", ats));
            return ps.executeUpdate();
          }
        });
  }

  private void upsert(Map<Key, Sums> sums) {
    int n = sums.size();
    Timestamp[] bucket = new Timestamp[n];
    Long[] provider = new Long[n];
    String[] model = new String[n];
    String[] providerName = new String[n];
    Long[][] longs = new Long[Sums.LONGS][n];
    int i = 0;
    for (Map.Entry<Key, Sums> e : sums.entrySet()) {
      bucket[i] = Timestamp.from(e.getKey().bucket());
      provider[i] = e.getKey().provider();
      model[i] = e.getKey().model();
      providerName[i] = e.getValue().providerName;
      long[] v = e.getValue().values();
      for (int c = 0; c < Sums.LONGS; c++) {
        longs[c][i] = v[c];
      }
      i++;
    }
    jdbc.execute(
        (Connection c) -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  INSERT INTO usage_cache_5m AS u (bucket, provider_id, model, provider_name, requests, input_tokens,
                      cache_creation_tokens, cache_read_tokens, session_requests, eligible_requests, eligible_input,
                      eligible_cache_creation, eligible_cache_read)
                  SELECT * FROM unnest(?::timestamptz[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::numeric[],
                      ?::numeric[], ?::numeric[], ?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[])
                  ON CONFLICT (bucket, provider_id, model) DO UPDATE
                     SET provider_name = EXCLUDED.provider_name, requests = u.requests + EXCLUDED.requests,
                         input_tokens = u.input_tokens + EXCLUDED.input_tokens,
                         cache_creation_tokens = u.cache_creation_tokens + EXCLUDED.cache_creation_tokens,
                         cache_read_tokens = u.cache_read_tokens + EXCLUDED.cache_read_tokens,
                         session_requests = u.session_requests + EXCLUDED.session_requests,
                         eligible_requests = u.eligible_requests + EXCLUDED.eligible_requests,
                         eligible_input = u.eligible_input + EXCLUDED.eligible_input,
                         eligible_cache_creation = u.eligible_cache_creation + EXCLUDED.eligible_cache_creation,
                         eligible_cache_read = u.eligible_cache_read + EXCLUDED.eligible_cache_read""")) {
            ps.setArray(1, c.createArrayOf("timestamptz", bucket));
            ps.setArray(2, c.createArrayOf("bigint", provider));
            ps.setArray(3, c.createArrayOf("text", model));
            ps.setArray(4, c.createArrayOf("text", providerName));
            String[] types = {
              "bigint", "numeric", "numeric", "numeric", "bigint", "bigint", "numeric", "numeric",
              "numeric"
            };
            for (int col = 0; col < Sums.LONGS; col++) {
              Object[] values =
                  "bigint".equals(types[col])
                      ? longs[col]
                      : java.util.Arrays.stream(longs[col])
                          .map(BigDecimal::valueOf)
                          .toArray(BigDecimal[]::new);
              ps.setArray(5 + col, c.createArrayOf(types[col], values));
            }
            return ps.executeUpdate();
          }
        });
  }

  /** A session's latest request: its position when known, and its time. */
  private record Last(@Nullable Integer seq, Instant at) {
    static Last later(@Nullable Last a, Last b) {
      if (a == null) {
        return b;
      }
      Integer seq = a.seq();
      if (seq == null || (b.seq() != null && b.seq() > seq)) {
        // not a conditional expression: mixing Integer and int there unboxes a null
        seq = b.seq();
      }
      return new Last(seq, a.at().isAfter(b.at()) ? a.at() : b.at());
    }
  }

  /** One bucket row's identity, ordered so every writer locks rows in the same order. */
  record Key(Instant bucket, long provider, String model) {
    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::bucket)
            .thenComparingLong(Key::provider)
            .thenComparing(Key::model);

    static Key of(UsageRecorded u) {
      long seconds = BUCKET.toSeconds();
      long epoch = u.time().getEpochSecond();
      return new Key(
          Instant.ofEpochSecond(epoch - Math.floorMod(epoch, seconds)), u.providerId(), u.model());
    }
  }

  /** What a batch adds to one bucket row. */
  private static final class Sums {
    static final int LONGS = 9;
    String providerName = "";
    long requests;
    long input;
    long cacheCreation;
    long cacheRead;
    long sessionRequests;
    long eligibleRequests;
    long eligibleInput;
    long eligibleCacheCreation;
    long eligibleCacheRead;

    void add(UsageRecorded u, boolean eligible) {
      providerName = u.providerName();
      requests++;
      input += u.inputTokens();
      cacheCreation += u.cacheCreationTokens();
      cacheRead += u.cacheReadTokens();
      if (u.sessionId() != null) {
        sessionRequests++;
      }
      if (eligible) {
        eligibleRequests++;
        eligibleInput += u.inputTokens();
        eligibleCacheCreation += u.cacheCreationTokens();
        eligibleCacheRead += u.cacheReadTokens();
      }
    }

    long[] values() {
      return new long[] {
        requests,
        input,
        cacheCreation,
        cacheRead,
        sessionRequests,
        eligibleRequests,
        eligibleInput,
        eligibleCacheCreation,
        eligibleCacheRead
      };
    }
  }
}
