package dev.notifier.message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The top users by cost over {@code [from, to)}, and the totals over every user. */
public record Leaderboard(
    Instant from,
    Instant to,
    List<Entry> top,
    long users,
    long requests,
    long tokens,
    BigDecimal cost) {

  /** One user's row. Tokens are input + output + cache creation + cache read. */
  public record Entry(long userId, String userName, long requests, long tokens, BigDecimal cost) {}

  public boolean isEmpty() {
    return requests == 0;
  }
}
