package dev.notifier.message;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything a usage report shows, over {@code [from, to)}. */
public record UsageReport(
    Instant from,
    Instant to,
    Totals totals,
    List<KeyRow> topKeys,
    List<ModelRow> models,
    List<DayRow> trend) {

  /**
   * Requests, tokens (all, then by kind), spend and errors; {@code requests == 0} when nothing was
   * used.
   */
  public record Totals(
      long requests,
      long tokens,
      BigDecimal cost,
      long errors,
      long input,
      long output,
      long cacheCreation,
      long cacheRead) {}

  /** A key's share: its latest name (null when events never named it) and its owner's. */
  public record KeyRow(
      long keyId,
      @Nullable String keyName,
      String userName,
      long requests,
      long tokens,
      BigDecimal cost) {}

  public record ModelRow(String model, long requests, long tokens) {}

  public record DayRow(LocalDate day, long requests, long tokens, BigDecimal cost) {}
}
