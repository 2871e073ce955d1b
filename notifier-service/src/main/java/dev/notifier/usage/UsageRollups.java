package dev.notifier.usage;

import dev.notifier.events.UsageRecorded;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds one request to its hourly roll-up, exactly once per request id. */
@Service
public class UsageRollups {

  private final JdbcClient jdbc;

  UsageRollups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False when this request id was already counted (a redelivery). */
  @Transactional
  public boolean record(UsageRecorded usage) {
    boolean first =
        jdbc.sql("INSERT INTO usage_seen (request_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", usage.requestId())
                .update()
            == 1;
    if (!first) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO usage_hourly AS u (hour, user_id, user_name, key_id, provider_id, model, requests, errors,
                input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost, duration_ms)
            VALUES (:hour, :user, :userName, :key, :provider, :model, 1, :error, :in, :out, :cc, :cr, :cost, :ms)
            ON CONFLICT (hour, user_id, key_id, provider_id, model) DO UPDATE
               SET requests = u.requests + 1, errors = u.errors + EXCLUDED.errors, user_name = EXCLUDED.user_name,
                   input_tokens = u.input_tokens + EXCLUDED.input_tokens,
                   output_tokens = u.output_tokens + EXCLUDED.output_tokens,
                   cache_creation_tokens = u.cache_creation_tokens + EXCLUDED.cache_creation_tokens,
                   cache_read_tokens = u.cache_read_tokens + EXCLUDED.cache_read_tokens,
                   cost = u.cost + EXCLUDED.cost, duration_ms = u.duration_ms + EXCLUDED.duration_ms""")
        .param(
            "hour",
            OffsetDateTime.ofInstant(usage.time().truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC))
        .param("user", usage.userId())
        .param("userName", usage.userName())
        .param("key", usage.keyId() == null ? -1L : usage.keyId())
        .param("provider", usage.providerId())
        .param("model", usage.model())
        .param("error", usage.httpStatus() >= 400 ? 1 : 0)
        .param("in", usage.inputTokens())
        .param("out", usage.outputTokens())
        .param("cc", usage.cacheCreationTokens())
        .param("cr", usage.cacheReadTokens())
        .param("cost", usage.cost())
        .param("ms", usage.durationMs())
        .update();
    return true;
  }
}
