package dev.notifier.usage;

import dev.notifier.base.SqlTime;
import dev.notifier.events.UsageRecorded;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds requests to their hourly roll-ups, exactly once per request id: the ids and the sums are
 * written in one transaction, so a batch counts wholly or not at all, and a request id seen before
 * (a redelivery, a replay, a second copy in the same batch) adds nothing.
 *
 * <p>Two statements per batch whatever its size (arrays unnested on the server). Both touch their
 * rows in key order, so two instances writing overlapping batches wait for each other instead of
 * deadlocking.
 */
@Service
class UsageRollups {

  private final JdbcTemplate jdbc;
  private final CacheRollups cache;
  private final Clock clock;

  UsageRollups(JdbcTemplate jdbc, CacheRollups cache, Clock clock) {
    this.jdbc = jdbc;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * Why PostgreSQL would refuse this request's text (a NUL, which {@code text} cannot hold), or
   * null. Checked per event before a batch is summed: summing keeps one name per roll-up row, so a
   * bad name would otherwise be refused or silently dropped depending on its neighbours in the
   * batch.
   */
  public static @org.jspecify.annotations.Nullable String unstorable(UsageRecorded usage) {
    String[][] fields = {
      {"requestId", usage.requestId()},
      {"userName", usage.userName()},
      {"keyName", usage.keyName()},
      {"providerName", usage.providerName()},
      {"model", usage.model()},
      {"sessionId", usage.sessionId()}
    };
    for (String[] f : fields) {
      if (f[1] != null && f[1].indexOf('\u0000') >= 0) {
        return "$.data." + f[0] + ": invalid byte sequence for encoding \"UTF8\": 0x00";
      }
    }
    return null;
  }

  /** The request ids this batch counted; the others had been counted before. */
  @Transactional
  public Set<String> recordAll(List<UsageRecorded> batch) {
    Map<String, UsageRecorded> byId = new LinkedHashMap<>();
    for (UsageRecorded usage : batch) {
      byId.putIfAbsent(usage.requestId(), usage);
    }
    Set<String> counted = claim(byId.keySet());
    Map<Key, Sums> sums = new TreeMap<>(Key.ORDER);
    List<UsageRecorded> countedUsage = new ArrayList<>(counted.size());
    for (String id : counted) {
      UsageRecorded usage = Objects.requireNonNull(byId.get(id));
      countedUsage.add(usage);
      sums.computeIfAbsent(Key.of(usage), k -> new Sums()).add(usage);
    }
    if (!sums.isEmpty()) {
      upsert(sums);
    }
    cache.record(countedUsage);
    return counted;
  }

  private Set<String> claim(Set<String> ids) {
    String[] sorted = ids.stream().sorted().toArray(String[]::new);
    return jdbc.execute(
        (Connection c) -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO usage_seen (request_id, seen_at) SELECT unnest(?::text[]), ?"
                      + " ON CONFLICT DO NOTHING RETURNING request_id")) {
            ps.setArray(1, c.createArrayOf("text", sorted));
            // stamped by the service's clock: the retention that prunes it reads the same one
            ps.setObject(2, SqlTime.now(clock));
            Set<String> claimed = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                claimed.add(rs.getString(1));
              }
            }
            return claimed;
          }
        });
  }

  private void upsert(Map<Key, Sums> sums) {
    int n = sums.size();
    Timestamp[] hour = new Timestamp[n];
    Long[] user = new Long[n];
    String[] userName = new String[n];
    @Nullable String[] keyName = new String[n];
    Long[] key = new Long[n];
    Long[] provider = new Long[n];
    String[] model = new String[n];
    BigDecimal[][] numbers = new BigDecimal[Sums.COLUMNS][n];
    int i = 0;
    for (Map.Entry<Key, Sums> e : sums.entrySet()) {
      Key k = e.getKey();
      hour[i] = Timestamp.from(k.hour());
      user[i] = k.user();
      key[i] = k.key();
      provider[i] = k.provider();
      model[i] = k.model();
      userName[i] = e.getValue().userName;
      keyName[i] = e.getValue().keyName;
      BigDecimal[] values = e.getValue().values();
      for (int c = 0; c < Sums.COLUMNS; c++) {
        numbers[c][i] = values[c];
      }
      i++;
    }
    jdbc.execute(
        (Connection c) -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  INSERT INTO usage_hourly AS u (hour, user_id, key_id, provider_id, model, user_name, key_name,
                      requests, errors, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost,
                      duration_ms)
                  SELECT * FROM unnest(?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],
                      ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[],
                      ?::numeric[], ?::numeric[])
                  ON CONFLICT (hour, user_id, key_id, provider_id, model) DO UPDATE
                     SET requests = u.requests + EXCLUDED.requests, errors = u.errors + EXCLUDED.errors,
                         user_name = EXCLUDED.user_name, key_name = coalesce(EXCLUDED.key_name, u.key_name),
                         input_tokens = u.input_tokens + EXCLUDED.input_tokens,
                         output_tokens = u.output_tokens + EXCLUDED.output_tokens,
                         cache_creation_tokens = u.cache_creation_tokens + EXCLUDED.cache_creation_tokens,
                         cache_read_tokens = u.cache_read_tokens + EXCLUDED.cache_read_tokens,
                         cost = u.cost + EXCLUDED.cost, duration_ms = u.duration_ms + EXCLUDED.duration_ms""")) {
            ps.setArray(1, c.createArrayOf("timestamptz", hour));
            ps.setArray(2, c.createArrayOf("bigint", user));
            ps.setArray(3, c.createArrayOf("bigint", key));
            ps.setArray(4, c.createArrayOf("bigint", provider));
            ps.setArray(5, c.createArrayOf("text", model));
            ps.setArray(6, c.createArrayOf("text", userName));
            ps.setArray(7, c.createArrayOf("text", keyName));
            for (int col = 0; col < Sums.COLUMNS; col++) {
              ps.setArray(8 + col, numeric(c, numbers[col]));
            }
            return ps.executeUpdate();
          }
        });
  }

  private static Array numeric(Connection c, BigDecimal[] values) throws SQLException {
    return c.createArrayOf("numeric", values);
  }

  /** One roll-up row's identity; ordered so that every writer locks rows in the same order. */
  record Key(Instant hour, long user, long key, long provider, String model) {

    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::hour)
            .thenComparingLong(Key::user)
            .thenComparingLong(Key::key)
            .thenComparingLong(Key::provider)
            .thenComparing(Key::model);

    static Key of(UsageRecorded usage) {
      return new Key(
          usage.time().truncatedTo(ChronoUnit.HOURS),
          usage.userId(),
          usage.keyId() == null ? -1L : usage.keyId(),
          usage.providerId(),
          usage.model());
    }
  }

  /** What a batch adds to one roll-up row. */
  private static final class Sums {
    static final int COLUMNS = 8;
    String userName = "";
    @org.jspecify.annotations.Nullable String keyName;
    long requests;
    long errors;
    // token counts and durations are each at most 10^12 per event (the schema's maxima), so a
    // batch's sums stay within a long
    long input;
    long output;
    long cacheCreation;
    long cacheRead;
    long durationMs;
    BigDecimal cost = BigDecimal.ZERO;

    void add(UsageRecorded usage) {
      userName = usage.userName();
      if (usage.keyName() != null) {
        keyName = usage.keyName();
      }
      requests++;
      errors += usage.httpStatus() >= 400 ? 1 : 0;
      input += usage.inputTokens();
      output += usage.outputTokens();
      cacheCreation += usage.cacheCreationTokens();
      cacheRead += usage.cacheReadTokens();
      durationMs += usage.durationMs();
      cost = cost.add(usage.cost());
    }

    BigDecimal[] values() {
      List<BigDecimal> v = new ArrayList<>(COLUMNS);
      for (long n : new long[] {requests, errors, input, output, cacheCreation, cacheRead}) {
        v.add(BigDecimal.valueOf(n));
      }
      v.add(cost);
      v.add(BigDecimal.valueOf(durationMs));
      return v.toArray(BigDecimal[]::new);
    }
  }
}
