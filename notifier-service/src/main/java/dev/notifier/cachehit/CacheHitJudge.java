package dev.notifier.cachehit;

import dev.notifier.binding.CacheHitSettings;
import dev.notifier.cachehit.CacheHitRates.Model;
import dev.notifier.message.CacheHitMessages.Basis;
import dev.notifier.message.CacheHitMessages.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which providers and models alert, worst first. A model with too few eligible requests in the
 * window is not judged. It alerts when its rate is under the floor, or when it fell from its
 * baseline by both the absolute and the relative amount. The baseline is the first of the past
 * days, earlier today and the previous window that has enough requests of its own.
 */
final class CacheHitJudge {

  private static final Comparator<Row> WORST_FIRST =
      Comparator.comparingDouble(Row::rate)
          .thenComparing(
              Comparator.comparingDouble((Row r) -> r.baseline() == null ? 0 : r.baseline())
                  .reversed())
          .thenComparing(Row::providerName)
          .thenComparing(Row::model);

  private CacheHitJudge() {}

  /** The baselines, in the order they are tried. */
  record Baselines(
      Map<Model, Tally> pastDays, Map<Model, Tally> earlierToday, Map<Model, Tally> previous) {}

  static List<Row> judge(Map<Model, Tally> current, Baselines baselines, CacheHitSettings s) {
    double floor = s.floor().doubleValue();
    double dropAbsolute = s.dropAbsolute().doubleValue();
    double dropRelative = s.dropRelative().doubleValue();
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Model, Tally> e : current.entrySet()) {
      Tally now = e.getValue();
      if (!now.judgeable(s.minRequests())) {
        continue;
      }
      Basis basis = null;
      Tally base = null;
      for (Basis b : Basis.values()) {
        Tally candidate = pick(baselines, b).get(e.getKey());
        if (candidate != null && candidate.judgeable(s.minRequests())) {
          basis = b;
          base = candidate;
          break;
        }
      }
      boolean belowFloor = now.rate() < floor;
      boolean fell = false;
      if (base != null) {
        double drop = base.rate() - now.rate();
        // a tiny epsilon so that a drop of exactly the configured amount alerts despite rounding
        fell =
            drop + 1e-9 >= dropAbsolute
                && base.rate() > 0
                && drop / base.rate() + 1e-9 >= dropRelative;
      }
      if (belowFloor || fell) {
        rows.add(
            new Row(
                now.providerId(),
                now.providerName(),
                now.model(),
                now.rate(),
                now.requests(),
                base == null ? null : base.rate(),
                basis,
                s.baselineDays(),
                belowFloor));
      }
    }
    rows.sort(WORST_FIRST);
    return rows;
  }

  private static Map<Model, Tally> pick(Baselines b, Basis basis) {
    return switch (basis) {
      case PAST_DAYS -> b.pastDays();
      case EARLIER_TODAY -> b.earlierToday();
      case PREVIOUS_WINDOW -> b.previous();
    };
  }
}
