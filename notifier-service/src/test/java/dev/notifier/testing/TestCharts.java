package dev.notifier.testing;

import dev.notifier.chart.ChartImages;
import dev.notifier.chart.ChartProperties;

/** Chart drawing as the service configures it by default, for senders built in tests. */
public final class TestCharts {

  private TestCharts() {}

  public static ChartImages images() {
    return new ChartImages(new ChartProperties("light", 800, 480));
  }
}
