package dev.notifier.testing;

import dev.notifier.message.LeaderboardMessages;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.usage.Leaderboards.Entry;
import dev.notifier.usage.Leaderboards.Leaderboard;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A day's leaderboard as the seeds show one: three users, then the totals over five. */
public final class SampleLeaderboards {

  private SampleLeaderboards() {}

  /** The sample with {@code name} as every user's name (the seeds' names when null). */
  public static Message message(String name, Presentation p) {
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
}
