package dev.notifier.testing;

import dev.notifier.message.CacheHitMessages;
import dev.notifier.message.CacheHitMessages.Basis;
import dev.notifier.message.CacheHitMessages.Row;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cache-hit alert of three rows, one per kind of baseline and one under the floor without any,
 * listing two (the third counted as not shown).
 */
public final class SampleCacheHits {

  private SampleCacheHits() {}

  /** The sample with {@code text} as every provider and model name (plain names when null). */
  public static Message message(String text, Presentation p) {
    List<Row> rows =
        List.of(
            new Row(
                3,
                text == null ? "Anthropic" : text,
                "claude-sonnet-4",
                0.021,
                48,
                null,
                null,
                7,
                true),
            new Row(
                3,
                "Anthropic",
                text == null ? "claude-opus-4" : text,
                0.31,
                120,
                0.82,
                Basis.PAST_DAYS,
                7,
                false),
            new Row(5, "OpenAI", "gpt-4o", 0.2, 35, 0.5, Basis.EARLIER_TODAY, 7, false));
    return CacheHitMessages.alert(
        rows,
        2,
        Duration.ofMinutes(60),
        new BigDecimal("0.05"),
        Instant.parse("2025-01-15T06:00:00Z"),
        p);
  }
}
