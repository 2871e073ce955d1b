package dev.notifier.message;

import dev.notifier.message.UsageReport.DayRow;
import dev.notifier.message.UsageReport.KeyRow;
import dev.notifier.message.UsageReport.ModelRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the usage report reads, as text on every channel: the period's totals with requests and
 * tokens per minute, the top API keys, the model split and the day-by-day trend.
 */
public final class UsageReportMessages {

  private UsageReportMessages() {}

  public static Message report(UsageReport r, Instant at, Presentation p) {
    String title = p.text("report.title");
    double minutes = Math.max(1, Duration.between(r.from(), r.to()).toMinutes());
    List<Block.Field> overview =
        List.of(
            field(p.text("report.requests"), LeaderboardMessages.count(r.totals().requests())),
            field(p.text("report.tokens"), LeaderboardMessages.tokens(r.totals().tokens())),
            field(p.text("report.cost"), LeaderboardMessages.money(r.totals().cost())),
            field(p.text("report.errors"), LeaderboardMessages.count(r.totals().errors())),
            field("RPM", perMinute(r.totals().requests(), minutes)),
            field("TPM", perMinute(r.totals().tokens(), minutes)));
    List<Block.Field> keys = new ArrayList<>();
    List<Map<String, Object>> keysVar = new ArrayList<>();
    int rank = 0;
    for (KeyRow k : r.topKeys()) {
      rank++;
      String name =
          Clip.to(
              k.keyName() == null ? p.text("report.keyId", String.valueOf(k.keyId())) : k.keyName(),
              Clip.NAME);
      String owner = Clip.to(k.userName(), Clip.NAME);
      // names are event text: in spans, which every channel escapes
      keys.add(
          new Block.Field(
              String.valueOf(rank),
              List.of(
                  Span.bold(name),
                  Span.plain(" (" + owner + ") "),
                  Span.plain(
                      p.text(
                          "report.keyLine",
                          LeaderboardMessages.money(k.cost()),
                          LeaderboardMessages.count(k.requests()),
                          LeaderboardMessages.tokens(k.tokens()))))));
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("keyId", k.keyId());
      v.put("keyName", name);
      v.put("userName", owner);
      v.put("requests", k.requests());
      v.put("tokens", k.tokens());
      v.put("cost", k.cost());
      keysVar.add(v);
    }
    List<Block.Field> models = new ArrayList<>();
    for (ModelRow m : r.models()) {
      models.add(
          new Block.Field(
              p.text("report.model"),
              List.of(
                  Span.code(Clip.to(m.model(), Clip.NAME)),
                  Span.plain(
                      " "
                          + p.text(
                              "report.modelLine",
                              share(m.tokens(), r.totals().tokens()),
                              LeaderboardMessages.tokens(m.tokens()),
                              LeaderboardMessages.count(m.requests()))))));
    }
    List<Block.Field> trend = new ArrayList<>();
    for (DayRow d : r.trend()) {
      trend.add(
          field(
              d.day().toString(),
              p.text(
                  "report.dayLine",
                  LeaderboardMessages.count(d.requests()),
                  LeaderboardMessages.tokens(d.tokens()),
                  LeaderboardMessages.money(d.cost()))));
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        new Block.Highlight(
            List.of(Span.plain(p.text("report.period", p.time(r.from()), p.time(r.to()))))));
    blocks.add(new Block.Fields(p.text("report.overview"), overview));
    if (!keys.isEmpty()) {
      blocks.add(new Block.Fields(p.text("report.topKeys"), keys));
    }
    if (!models.isEmpty()) {
      blocks.add(new Block.Fields(p.text("report.models"), models));
    }
    blocks.add(new Block.Fields(p.text("report.trend", r.trend().size()), trend));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("title", title);
    vars.put("level", "info");
    vars.put("timestamp", at.toString());
    vars.put("timestamp_local", p.time(at));
    vars.put("period_start", r.from().toString());
    vars.put("period_end", r.to().toString());
    vars.put("total_requests", r.totals().requests());
    vars.put("total_tokens", r.totals().tokens());
    vars.put("total_cost", r.totals().cost());
    vars.put("total_errors", r.totals().errors());
    vars.put("top_keys_json", keysVar);
    return new Message(title, Level.INFO, List.copyOf(blocks), p.time(at), vars, charts(r, p));
  }

  /**
   * The same facts as pictures: tokens by kind (bars), by model (pie), requests per day (line) and
   * spend per key (bars). Names are clipped as in the text.
   */
  static List<Chart> charts(UsageReport r, Presentation p) {
    List<Chart> charts = new ArrayList<>();
    charts.add(
        new Chart(
            Chart.Kind.BAR,
            "overview",
            p.text("report.chart.overview"),
            List.of(
                p.text("report.chart.input"),
                p.text("report.chart.output"),
                p.text("report.chart.cacheWrite"),
                p.text("report.chart.cacheRead")),
            List.of(
                (double) r.totals().input(),
                (double) r.totals().output(),
                (double) r.totals().cacheCreation(),
                (double) r.totals().cacheRead())));
    if (!r.models().isEmpty()) {
      charts.add(
          new Chart(
              Chart.Kind.PIE,
              "models",
              p.text("report.chart.models"),
              r.models().stream().map(m -> Clip.to(m.model(), Clip.NAME)).toList(),
              r.models().stream().map(m -> (double) m.tokens()).toList()));
    }
    charts.add(
        new Chart(
            Chart.Kind.LINE,
            "trend",
            p.text("report.chart.trend"),
            r.trend().stream().map(d -> d.day().toString()).toList(),
            r.trend().stream().map(d -> (double) d.requests()).toList()));
    if (!r.topKeys().isEmpty()) {
      charts.add(
          new Chart(
              Chart.Kind.BAR,
              "keys",
              p.text("report.chart.keys"),
              r.topKeys().stream()
                  .map(
                      k ->
                          Clip.to(
                              k.keyName() == null
                                  ? p.text("report.keyId", String.valueOf(k.keyId()))
                                  : k.keyName(),
                              Clip.NAME))
                  .toList(),
              r.topKeys().stream().map(k -> k.cost().doubleValue()).toList()));
    }
    return List.copyOf(charts);
  }

  private static String perMinute(long n, double minutes) {
    return new java.text.DecimalFormat(
            "#,##0.0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US))
        .format(BigDecimal.valueOf(n / minutes).setScale(1, RoundingMode.HALF_UP));
  }

  private static String share(long part, long whole) {
    if (whole == 0) {
      return "0%";
    }
    return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP) + "%";
  }

  private static Block.Field field(String label, String value) {
    return new Block.Field(label, List.of(Span.plain(value)));
  }
}
