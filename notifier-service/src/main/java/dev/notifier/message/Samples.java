package dev.notifier.message;

import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.CostSnapshot;
import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.message.CacheHitMessages.Basis;
import dev.notifier.message.CacheHitMessages.Row;
import dev.notifier.message.Leaderboard.Entry;
import dev.notifier.message.UsageReport.DayRow;
import dev.notifier.message.UsageReport.KeyRow;
import dev.notifier.message.UsageReport.ModelRow;
import dev.notifier.message.UsageReport.Totals;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One representative message of every notification type, made by the real message builders: from
 * the contract's golden example events for event-driven types, from fixed figures for the others.
 * What a test-send of a type shows, and what the golden and escaping tests render on every channel
 * ({@code text}, when given, stands in for every name that comes from an event).
 */
public final class Samples {

  private Samples() {}

  /** The sample of {@code type}. */
  public static Message of(NotificationType type, Presentation p) {
    return switch (type) {
      case CIRCUIT_BREAKER -> {
        ValidatedEvent opened = example("circuit-breaker-opened");
        yield BreakerMessages.opened(opened.dataAs(BreakerOpened.class), opened.time(), p);
      }
      case COST_ALERT -> {
        ValidatedEvent cost = example("cost-snapshot");
        yield CostMessages.alert(
            cost.dataAs(CostSnapshot.class), cost.time(), p, new BigDecimal("0.8"));
      }
      case DAILY_LEADERBOARD -> leaderboard(null, p);
      case USAGE_REPORT -> report(null, p);
      case CACHE_HIT_ALERT -> cacheHits(null, p);
    };
  }

  /** The recovery notice that follows the breaker sample. */
  public static Message breakerClosed(Presentation p) {
    ValidatedEvent closed = example("circuit-breaker-closed");
    return BreakerMessages.closed(closed.dataAs(BreakerClosed.class), closed.time(), p);
  }

  /** A day's leaderboard as the seeds show one: three users, then the totals over five. */
  public static Message leaderboard(@Nullable String name, Presentation p) {
    Instant from = Instant.parse("2025-01-13T16:00:00Z");
    Leaderboard board =
        new Leaderboard(
            from,
            from.plusSeconds(86_400),
            List.of(
                new Entry(
                    1, name == null ? "张三" : name, 1_234, 2_450_000, new BigDecimal("12.3456")),
                new Entry(2, name == null ? "李四" : name, 987, 1_870_000, new BigDecimal("8.7654")),
                new Entry(3, name == null ? "王五" : name, 654, 1_230_000, new BigDecimal("5.4321")),
                new Entry(4, name == null ? "赵六" : name, 321, 456_789, new BigDecimal("1.5"))),
            5,
            5_678,
            7_200_000,
            new BigDecimal("45.6789"));
    return LeaderboardMessages.leaderboard(
        board, LocalDate.parse("2025-01-14"), false, Instant.parse("2025-01-15T01:00:00Z"), p);
  }

  /** Six hours of usage: two keys, two models, three days of trend. */
  public static Message report(@Nullable String text, Presentation p) {
    Instant to = Instant.parse("2025-01-15T06:00:00Z");
    UsageReport report =
        new UsageReport(
            to.minusSeconds(6 * 3600),
            to,
            new Totals(
                1_440,
                3_600_000,
                new BigDecimal("21.5"),
                12,
                2_000_000,
                400_000,
                200_000,
                1_000_000),
            List.of(
                new KeyRow(
                    11,
                    text == null ? "laptop" : text,
                    text == null ? "张三" : text,
                    900,
                    2_400_000,
                    new BigDecimal("15.25")),
                new KeyRow(
                    12, null, text == null ? "李四" : text, 540, 1_200_000, new BigDecimal("6.25"))),
            List.of(
                new ModelRow(text == null ? "claude-sonnet-4" : text, 1_000, 2_700_000),
                new ModelRow("gpt-4o", 440, 900_000)),
            List.of(
                new DayRow(LocalDate.parse("2025-01-13"), 0, 0, BigDecimal.ZERO),
                new DayRow(LocalDate.parse("2025-01-14"), 5_000, 12_000_000, new BigDecimal("80")),
                new DayRow(
                    LocalDate.parse("2025-01-15"), 1_440, 3_600_000, new BigDecimal("21.5"))));
    return UsageReportMessages.report(report, to, p);
  }

  /**
   * A cache-hit alert of three rows, one per kind of baseline and one under the floor without any,
   * listing two (the third counted as not shown).
   */
  public static Message cacheHits(@Nullable String text, Presentation p) {
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

  private static ValidatedEvent example(String name) {
    try (InputStream in =
        Samples.class.getClassLoader().getResourceAsStream("examples/v1/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("no golden example " + name + " on the class path");
      }
      return new EventValidator(65_536).validate(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidEventException e) {
      throw new IllegalStateException("golden example " + name + " is invalid", e);
    }
  }
}
