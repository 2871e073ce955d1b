package dev.notifier.testing;

import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.UsageReportMessages;
import dev.notifier.usage.UsageReports.DayRow;
import dev.notifier.usage.UsageReports.KeyRow;
import dev.notifier.usage.UsageReports.ModelRow;
import dev.notifier.usage.UsageReports.Report;
import dev.notifier.usage.UsageReports.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Six hours of usage as a report shows them: two keys, two models, three days of trend. */
public final class SampleReports {

  private SampleReports() {}

  /** The sample with {@code text} as every key, owner and model name (plain names when null). */
  public static Message message(String text, Presentation p) {
    Instant to = Instant.parse("2025-01-15T06:00:00Z");
    Report report =
        new Report(
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
}
