package dev.notifier.message;

import dev.notifier.message.Leaderboard.Entry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the daily leaderboard reads: the period, the top users by spend (medals for the first three)
 * with their requests and tokens, and the totals over every user.
 */
public final class LeaderboardMessages {

  private static final String[] MEDALS = {"🥇", "🥈", "🥉"};

  private LeaderboardMessages() {}

  /**
   * {@code day} is the calendar day covered, or null for a rolling 24 hours; {@code at} is the fire
   * time, printed in the presentation's zone.
   */
  public static Message leaderboard(
      Leaderboard board, LocalDate day, boolean rolling, Instant at, Presentation p) {
    String title = p.text("leaderboard.title");
    String period =
        rolling
            ? p.text("leaderboard.rolling", p.time(board.from()), p.time(board.to()))
            : p.text("leaderboard.day", day.toString());
    List<Block.Field> ranking = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    int rank = 0;
    for (Entry e : board.top()) {
      rank++;
      String name = Clip.to(e.userName(), Clip.NAME);
      String place = rank <= MEDALS.length ? MEDALS[rank - 1] : String.valueOf(rank);
      // the name is event text: it goes in a span, which every channel escapes, not in the label
      ranking.add(
          new Block.Field(
              place,
              List.of(
                  Span.bold(name),
                  Span.plain(" (ID: " + e.userId() + ") "),
                  Span.plain(
                      p.text(
                          "leaderboard.line",
                          money(e.cost()),
                          count(e.requests()),
                          tokens(e.tokens()))))));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rank", rank);
      entry.put("userId", e.userId());
      entry.put("userName", name);
      entry.put("requests", e.requests());
      entry.put("tokens", e.tokens());
      entry.put("cost", e.cost());
      entries.add(entry);
    }
    List<Block.Field> totals =
        List.of(
            field(p.text("leaderboard.totalRequests"), count(board.requests())),
            field(p.text("leaderboard.totalCost"), money(board.cost())),
            field(p.text("leaderboard.totalTokens"), tokens(board.tokens())),
            field(p.text("leaderboard.users"), count(board.users())));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("title", title);
    vars.put("level", "info");
    vars.put("timestamp", at.toString());
    vars.put("timestamp_local", p.time(at));
    vars.put("date", rolling ? p.time(board.to()) : day.toString());
    vars.put("period_start", board.from().toString());
    vars.put("period_end", board.to().toString());
    vars.put("total_requests", board.requests());
    vars.put("total_cost", board.cost());
    vars.put("total_tokens", board.tokens());
    vars.put("users", board.users());
    vars.put("entries_json", entries);
    return new Message(
        title,
        Level.INFO,
        List.of(
            new Block.Highlight(List.of(Span.plain(period))),
            new Block.Fields(p.text("leaderboard.ranking"), ranking),
            new Block.Fields(p.text("leaderboard.overview"), totals)),
        p.time(at),
        vars);
  }

  static String money(BigDecimal amount) {
    return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** 1,234 in either language, as the seeds print counts. */
  static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.US).format(n);
  }

  /** 2.45M, 12.3K, 950: as the seeds print token counts. */
  static String tokens(long n) {
    if (n >= 1_000_000_000L) {
      return scaled(n, 1_000_000_000L) + "B";
    }
    if (n >= 1_000_000L) {
      return scaled(n, 1_000_000L) + "M";
    }
    if (n >= 1_000L) {
      return scaled(n, 1_000L) + "K";
    }
    return Long.toString(n);
  }

  private static String scaled(long n, long unit) {
    return BigDecimal.valueOf(n)
        .divide(BigDecimal.valueOf(unit), 2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static Block.Field field(String label, String value) {
    return new Block.Field(label, List.of(Span.plain(value)));
  }
}
