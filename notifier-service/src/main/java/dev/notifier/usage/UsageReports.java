package dev.notifier.usage;

import dev.notifier.message.UsageReport;
import dev.notifier.message.UsageReport.DayRow;
import dev.notifier.message.UsageReport.KeyRow;
import dev.notifier.message.UsageReport.ModelRow;
import dev.notifier.message.UsageReport.Totals;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures of a usage report, from the hourly roll-ups: totals over the period, the top API
 * keys, how the tokens split over models, and a day-by-day trend. Periods are cut at whole hours.
 */
@Repository
public class UsageReports {

  private static final String TOKENS =
      "input_tokens + output_tokens + cache_creation_tokens + cache_read_tokens";

  private final JdbcClient jdbc;

  UsageReports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Over {@code [from, to)}; the trend covers the {@code trendDays} calendar days up to and
   * including the one {@code to} falls in, in {@code zone}.
   */
  public UsageReport report(Instant from, Instant to, int topKeys, int trendDays, ZoneId zone) {
    Totals totals =
        jdbc.sql(
                "SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum("
                    + TOKENS
                    + "), 0)"
                    + " AS tokens, coalesce(sum(cost), 0) AS cost, coalesce(sum(errors), 0) AS"
                    + " errors, coalesce(sum(input_tokens), 0) AS input, coalesce(sum(output_tokens),"
                    + " 0) AS output, coalesce(sum(cache_creation_tokens), 0) AS creation,"
                    + " coalesce(sum(cache_read_tokens), 0) AS read"
                    + " FROM usage_hourly WHERE hour >= :from AND hour < :to")
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .query(
                (rs, i) ->
                    new Totals(
                        rs.getBigDecimal("requests").longValue(),
                        rs.getBigDecimal("tokens").longValue(),
                        rs.getBigDecimal("cost"),
                        rs.getBigDecimal("errors").longValue(),
                        rs.getBigDecimal("input").longValue(),
                        rs.getBigDecimal("output").longValue(),
                        rs.getBigDecimal("creation").longValue(),
                        rs.getBigDecimal("read").longValue()))
            .single();
    List<KeyRow> keys =
        jdbc.sql(
                "SELECT key_id, (array_agg(key_name ORDER BY hour DESC) FILTER (WHERE key_name IS"
                    + " NOT NULL))[1] AS key_name, (array_agg(user_name ORDER BY hour DESC))[1] AS"
                    + " user_name, sum(requests) AS requests, sum("
                    + TOKENS
                    + ") AS tokens,"
                    + " sum(cost) AS cost FROM usage_hourly WHERE hour >= :from AND hour < :to"
                    + " AND key_id >= 0 GROUP BY key_id ORDER BY sum(cost) DESC, sum(requests)"
                    + " DESC, key_id LIMIT :n")
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("n", topKeys)
            .query(
                (rs, i) ->
                    new KeyRow(
                        rs.getLong("key_id"),
                        rs.getString("key_name"),
                        rs.getString("user_name"),
                        rs.getBigDecimal("requests").longValue(),
                        rs.getBigDecimal("tokens").longValue(),
                        rs.getBigDecimal("cost")))
            .list();
    List<ModelRow> models =
        jdbc.sql(
                "SELECT model, sum(requests) AS requests, sum("
                    + TOKENS
                    + ") AS tokens FROM"
                    + " usage_hourly WHERE hour >= :from AND hour < :to GROUP BY model ORDER BY"
                    + " sum("
                    + TOKENS
                    + ") DESC, model")
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .query(
                (rs, i) ->
                    new ModelRow(
                        rs.getString("model"),
                        rs.getBigDecimal("requests").longValue(),
                        rs.getBigDecimal("tokens").longValue()))
            .list();
    LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
    LocalDate first = last.minusDays(trendDays - 1L);
    List<DayRow> trend =
        jdbc.sql(
                "SELECT (hour AT TIME ZONE :zone)::date AS day, sum(requests) AS requests, sum("
                    + TOKENS
                    + ") AS tokens, sum(cost) AS cost FROM usage_hourly WHERE hour >="
                    + " :from AND hour < :to GROUP BY 1 ORDER BY 1")
            .param("zone", zone.getId())
            .param("from", Timestamp.from(first.atStartOfDay(zone).toInstant()))
            .param("to", Timestamp.from(last.plusDays(1).atStartOfDay(zone).toInstant()))
            .query(
                (rs, i) ->
                    new DayRow(
                        rs.getObject("day", LocalDate.class),
                        rs.getBigDecimal("requests").longValue(),
                        rs.getBigDecimal("tokens").longValue(),
                        rs.getBigDecimal("cost")))
            .list();
    return new UsageReport(from, to, totals, keys, models, fillDays(first, last, trend));
  }

  /** Every day of the trend, zero where nothing was used, so a quiet day shows as one. */
  private static List<DayRow> fillDays(LocalDate first, LocalDate last, List<DayRow> rows) {
    java.util.Map<LocalDate, DayRow> byDay = new java.util.HashMap<>();
    rows.forEach(r -> byDay.put(r.day(), r));
    List<DayRow> all = new java.util.ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      all.add(byDay.getOrDefault(d, new DayRow(d, 0, 0, BigDecimal.ZERO)));
    }
    return all;
  }
}
