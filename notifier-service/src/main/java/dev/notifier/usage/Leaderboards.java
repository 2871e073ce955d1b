package dev.notifier.usage;

import dev.notifier.message.Leaderboard;
import dev.notifier.message.Leaderboard.Entry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who spent most in a period, from the hourly roll-ups. A period is cut at whole hours (the
 * roll-ups' grain): in a zone whose offset is not whole hours, a day starts at the hour before.
 */
@Repository
public class Leaderboards {

  private final JdbcClient jdbc;

  Leaderboards(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Over {@code [from, to)}; ties in cost go to more requests, then to the lower user id. */
  public Leaderboard between(Instant from, Instant to, int topN) {
    List<Entry> top =
        jdbc.sql(
                """
                SELECT user_id, (array_agg(user_name ORDER BY hour DESC))[1] AS user_name,
                       sum(requests) AS requests,
                       sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens) AS tokens,
                       sum(cost) AS cost
                  FROM usage_hourly
                 WHERE hour >= :from AND hour < :to
                 GROUP BY user_id
                 ORDER BY sum(cost) DESC, sum(requests) DESC, user_id
                 LIMIT :n""")
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("n", topN)
            .query(
                (rs, i) ->
                    new Entry(
                        rs.getLong("user_id"),
                        rs.getString("user_name"),
                        rs.getBigDecimal("requests").longValueExact(),
                        rs.getBigDecimal("tokens").longValue(),
                        rs.getBigDecimal("cost")))
            .list();
    return jdbc.sql(
            """
            SELECT count(DISTINCT user_id) AS users, coalesce(sum(requests), 0) AS requests,
                   coalesce(sum(input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens), 0) AS tokens,
                   coalesce(sum(cost), 0) AS cost
              FROM usage_hourly
             WHERE hour >= :from AND hour < :to""")
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, i) ->
                new Leaderboard(
                    from,
                    to,
                    top,
                    rs.getLong("users"),
                    rs.getBigDecimal("requests").longValue(),
                    rs.getBigDecimal("tokens").longValue(),
                    rs.getBigDecimal("cost")))
        .single();
  }
}
