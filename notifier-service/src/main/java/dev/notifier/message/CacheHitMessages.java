package dev.notifier.message;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the cache-hit-rate alert reads: one line per provider and model whose prompt-cache hit rate
 * fell, worst first, each with its rate, its baseline and where the baseline came from.
 */
public final class CacheHitMessages {

  private CacheHitMessages() {}

  /** Where a row's baseline came from; none when the floor alone decided. */
  public enum Basis {
    PAST_DAYS,
    EARLIER_TODAY,
    PREVIOUS_WINDOW
  }

  /**
   * One provider and model that alerts. {@code baseline} is null when no baseline had enough
   * requests; {@code basisDays} is the past-days baseline's length.
   */
  public record Row(
      long providerId,
      String providerName,
      String model,
      double rate,
      long requests,
      @Nullable Double baseline,
      @Nullable Basis basis,
      int basisDays,
      boolean belowFloor) {}

  /** {@code rows} worst first; only the first {@code maxRows} are listed, the rest are counted. */
  public static Message alert(
      List<Row> rows, int maxRows, Duration window, BigDecimal floor, Instant at, Presentation p) {
    String title = p.text("cache.title");
    List<Block.Field> lines = new ArrayList<>();
    List<Map<String, Object>> rowsVar = new ArrayList<>();
    int rank = 0;
    for (Row r : rows.subList(0, Math.min(maxRows, rows.size()))) {
      rank++;
      String provider = Clip.to(r.providerName(), Clip.NAME);
      String model = Clip.to(r.model(), Clip.NAME);
      StringBuilder tail =
          new StringBuilder(" " + p.text("cache.line", percent(r.rate()), r.requests() + ""));
      if (r.baseline() != null && r.basis() != null) {
        tail.append(p.text("cache.baseline", percent(r.baseline()), basis(r, p)));
      }
      if (r.belowFloor()) {
        tail.append(p.text("cache.floor", percent(floor.doubleValue())));
      }
      // provider and model names are event text: in spans, which every channel escapes
      lines.add(
          new Block.Field(
              String.valueOf(rank),
              List.of(
                  Span.bold(provider),
                  Span.plain(" / "),
                  Span.code(model),
                  Span.plain(tail.toString()))));
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("providerId", r.providerId());
      v.put("providerName", provider);
      v.put("model", model);
      v.put("hitRate", round(r.rate()));
      v.put("baseline", r.baseline() == null ? null : round(r.baseline()));
      v.put(
          "baselineBasis",
          r.basis() == null ? null : r.basis().name().toLowerCase(java.util.Locale.ROOT));
      v.put("eligibleRequests", r.requests());
      rowsVar.add(v);
    }
    if (rows.size() > maxRows) {
      lines.add(
          new Block.Field(
              "…", List.of(Span.plain(p.text("cache.more", (rows.size() - maxRows) + "")))));
    }
    List<Block> blocks =
        List.of(
            new Block.Highlight(
                List.of(
                    Span.plain(
                        p.text("cache.summary", rows.size() + "", window.toMinutes() + "")))),
            new Block.Fields(p.text("cache.rows"), lines));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("title", title);
    vars.put("level", "warning");
    vars.put("timestamp", at.toString());
    vars.put("timestamp_local", p.time(at));
    vars.put("window_minutes", window.toMinutes());
    vars.put("affected", rows.size());
    vars.put("rows_json", rowsVar);
    return new Message(title, Level.WARNING, blocks, p.time(at), vars);
  }

  private static String basis(Row r, Presentation p) {
    return switch (Objects.requireNonNull(r.basis())) {
      case PAST_DAYS -> p.text("cache.basis.days", r.basisDays() + "");
      case EARLIER_TODAY -> p.text("cache.basis.today");
      case PREVIOUS_WINDOW -> p.text("cache.basis.previous");
    };
  }

  private static String percent(double rate) {
    return BigDecimal.valueOf(rate * 100).setScale(1, RoundingMode.HALF_UP) + "%";
  }

  private static BigDecimal round(double rate) {
    return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP);
  }
}
