package dev.notifier.message;

import dev.notifier.events.CostSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a cost alert reads: who, how much of the quota, what is left, in which period. */
public final class CostMessages {

  private CostMessages() {}

  /** Spend as a fraction of the quota. */
  public static BigDecimal ratio(CostSnapshot s) {
    return s.currentCost().divide(s.quotaLimit(), 6, RoundingMode.HALF_UP);
  }

  /**
   * The levels in force: the threshold, then each configured level above it, ascending, each once
   * (by default 0.8, 0.9, 1.0).
   */
  public static List<BigDecimal> levels(BigDecimal threshold, List<BigDecimal> more) {
    java.util.TreeSet<BigDecimal> all = new java.util.TreeSet<>();
    all.add(threshold.stripTrailingZeros());
    more.stream()
        .filter(l -> l.compareTo(threshold) > 0)
        .forEach(l -> all.add(l.stripTrailingZeros()));
    return List.copyOf(all);
  }

  /** The highest level the ratio reached, from 1; 0 below the first. */
  public static int level(BigDecimal ratio, List<BigDecimal> levels) {
    int level = 0;
    for (BigDecimal l : levels) {
      if (ratio.compareTo(l) >= 0) {
        level++;
      }
    }
    return level;
  }

  /**
   * {@code crossed} is the level reached (a fraction of the quota): the title and the sentence say
   * which, and past the quota the message says by how much instead of what is left.
   */
  public static Message alert(CostSnapshot s, Instant at, Presentation p, BigDecimal crossed) {
    BigDecimal ratio = ratio(s);
    BigDecimal percent = ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    BigDecimal remaining = s.quotaLimit().subtract(s.currentCost()).max(BigDecimal.ZERO);
    BigDecimal over = s.currentCost().subtract(s.quotaLimit());
    boolean exhausted = crossed.compareTo(BigDecimal.ONE) >= 0;
    String levelPercent =
        crossed.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
    String indicator =
        ratio.compareTo(new BigDecimal("0.9")) >= 0
            ? "🔴"
            : ratio.compareTo(new BigDecimal("0.8")) >= 0 ? "🟡" : "🟢";
    String who = p.text("cost.target." + s.targetType().name().toLowerCase(Locale.ROOT));
    String window = p.text("cost.window." + s.window().name().toLowerCase(Locale.ROOT));
    String title =
        exhausted
            ? p.text("cost.title.exhausted")
            : crossed.compareTo(new BigDecimal("0.9")) >= 0
                ? p.text("cost.title.critical", levelPercent)
                : p.text("cost.title.level", levelPercent);
    List<Block.Field> fields =
        List.of(
            field(p.text("cost.current"), Span.plain(money(s.currentCost(), s.currency()))),
            field(p.text("cost.limit"), Span.plain(money(s.quotaLimit(), s.currency()))),
            new Block.Field(
                p.text("cost.ratio"),
                List.of(Span.bold(percent + "%"), Span.plain(" " + indicator))),
            over.signum() > 0
                ? field(p.text("cost.over"), Span.plain(money(over, s.currency())))
                : field(p.text("cost.remaining"), Span.plain(money(remaining, s.currency()))),
            field(p.text("cost.level"), Span.plain(levelPercent)),
            field(p.text("cost.period"), Span.plain(window)));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("title", title);
    vars.put("level", exhausted ? "error" : "warning");
    vars.put("timestamp", at.toString());
    vars.put("timestamp_local", p.time(at));
    vars.put("target_type", s.targetType().name().toLowerCase(Locale.ROOT));
    vars.put("target_name", Clip.to(s.targetName(), Clip.NAME));
    vars.put("target_id", s.targetId());
    vars.put("current_cost", s.currentCost());
    vars.put("quota_limit", s.quotaLimit());
    vars.put("usage_percent", percent);
    vars.put("window", s.window().name().toLowerCase(Locale.ROOT));
    vars.put("alert_level", levelPercent);
    return new Message(
        title,
        exhausted ? Level.ERROR : Level.WARNING,
        List.of(
            new Block.Highlight(
                List.of(
                    Span.plain(who + " "),
                    Span.bold(Clip.to(s.targetName(), Clip.NAME)),
                    Span.plain(" " + p.text("cost.what.level", percent + "%", levelPercent)))),
            new Block.Fields(p.text("cost.details"), fields)),
        p.time(at) + " · " + p.text("cost.footer"),
        vars);
  }

  private static String money(BigDecimal amount, String currency) {
    String symbol =
        switch (currency) {
          case "USD" -> "$";
          case "CNY" -> "¥";
          case "EUR" -> "€";
          default -> currency + " ";
        };
    return symbol + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static Block.Field field(String label, Span value) {
    return new Block.Field(label, List.of(value));
  }
}
