package dev.notifier.cachehit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hit rates per provider and model over a span of five-minute roll-ups. Over requests eligible for
 * a hit where the proxy sent sessions in that span; over all requests where it sent none.
 */
@Component
class CacheHitRates {

  /** A provider and model. */
  record Model(long providerId, String model) {}

  private final JdbcClient jdbc;

  CacheHitRates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every provider and model with requests in [from, to). */
  Map<Model, Tally> between(Instant from, Instant to) {
    Map<Model, Tally> out = new HashMap<>();
    if (!from.isBefore(to)) {
      return out;
    }
    jdbc.sql(
            """
            SELECT provider_id, model, max(provider_name) AS provider_name, sum(session_requests) AS sessions,
                   sum(requests) AS requests, sum(input_tokens) AS input,
                   sum(cache_creation_tokens) AS creation, sum(cache_read_tokens) AS read,
                   sum(eligible_requests) AS e_requests, sum(eligible_input) AS e_input,
                   sum(eligible_cache_creation) AS e_creation, sum(eligible_cache_read) AS e_read
              FROM usage_cache_5m
             WHERE bucket >= :from AND bucket < :to
             GROUP BY provider_id, model""")
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, n) -> {
              boolean sessions = rs.getLong("sessions") > 0;
              String p = sessions ? "e_" : "";
              return Tally.of(
                  rs.getLong("provider_id"),
                  rs.getString("provider_name"),
                  rs.getString("model"),
                  rs.getLong(p + "requests"),
                  rs.getDouble(p + "input"),
                  rs.getDouble(p + "creation"),
                  rs.getDouble(p + "read"));
            })
        .list()
        .forEach(t -> out.put(new Model(t.providerId(), t.model()), t));
    return out;
  }
}
