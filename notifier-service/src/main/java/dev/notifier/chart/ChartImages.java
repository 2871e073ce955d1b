package dev.notifier.chart;

import dev.notifier.message.Chart;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Draws a message's charts as PNG: bars, a pie or a line, in the configured theme and size. Text is
 * drawn in a font that has Chinese glyphs when the machine has one (the image installs Noto CJK);
 * without one, Chinese labels show as boxes and a warning says so once.
 */
@Component
public class ChartImages {

  private static final Logger log = LoggerFactory.getLogger(ChartImages.class);
  private static final String SAMPLE = "用量报告模型";
  private static final Color LIGHT_SERIES = new Color(0x1976D2);
  private static final Color DARK_SERIES = new Color(0x64B5F6);

  private final ChartProperties properties;
  // made at the first chart, not at start-up: listing the fonts took 70-100 ms here (15 families),
  // more where more are installed, and most instances (and test contexts) never draw a chart
  private volatile @Nullable StandardChartTheme theme;

  public ChartImages(ChartProperties properties) {
    // Spring Boot sets it too; a sender built in a test must not need a display either
    System.setProperty("java.awt.headless", "true");
    this.properties = properties;
  }

  /** The chart as a PNG of the configured size. */
  public byte[] png(Chart chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ChartUtils.writeChartAsPNG(out, build(chart), properties.width(), properties.height());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The chart as drawn: its dataset holds the message's values, one per label. */
  JFreeChart build(Chart chart) {
    JFreeChart drawn =
        switch (chart.kind()) {
          case PIE -> ChartFactory.createPieChart(chart.title(), pie(chart), true, false, false);
          case BAR ->
              ChartFactory.createBarChart(
                  chart.title(),
                  null,
                  null,
                  categories(chart),
                  PlotOrientation.VERTICAL,
                  false,
                  false,
                  false);
          case LINE ->
              ChartFactory.createLineChart(
                  chart.title(),
                  null,
                  null,
                  categories(chart),
                  PlotOrientation.VERTICAL,
                  false,
                  false,
                  false);
        };
    theme().apply(drawn);
    if (drawn.getPlot() instanceof CategoryPlot plot) {
      plot.getRenderer().setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
      plot.getRenderer().setDefaultItemLabelsVisible(true);
      // one series: the theme's first colour is an alarming red for what is only a report
      plot.getRenderer().setSeriesPaint(0, properties.dark() ? DARK_SERIES : LIGHT_SERIES);
    }
    return drawn;
  }

  private static DefaultCategoryDataset categories(Chart chart) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> labels = chart.labels();
    for (int i = 0; i < labels.size(); i++) {
      data.addValue(chart.values().get(i), chart.title(), new Label(i, labels.get(i)));
    }
    return data;
  }

  private static DefaultPieDataset<Label> pie(Chart chart) {
    DefaultPieDataset<Label> data = new DefaultPieDataset<>();
    List<String> labels = chart.labels();
    for (int i = 0; i < labels.size(); i++) {
      data.setValue(new Label(i, labels.get(i)), chart.values().get(i));
    }
    return data;
  }

  /**
   * A category: two keys may share a name, and each must stay a bar of its own; drawn as its text,
   * ordered as given.
   */
  record Label(int index, String text) implements Comparable<Label> {
    @Override
    public int compareTo(Label other) {
      return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private StandardChartTheme theme() {
    StandardChartTheme made = theme;
    if (made == null) {
      made = theme(properties.dark(), cjkFamily());
      theme = made;
    }
    return made;
  }

  private static Optional<String> cjkFamily() {
    Optional<String> family;
    try {
      family =
          Arrays.stream(
                  GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
              .filter(name -> new Font(name, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1)
              .filter(name -> !name.startsWith("Dialog") && !name.startsWith("Monospaced"))
              .findFirst();
    } catch (RuntimeException | LinkageError | InternalError e) {
      // no fontconfig at all: the service still starts; charts are left out when drawn
      log.warn("fonts cannot be listed ({}): charts may not be drawn", e.toString());
      return Optional.empty();
    }
    if (family.isEmpty()) {
      log.warn(
          "no font with Chinese glyphs: Chinese text in charts will show as boxes"
              + " (install fonts-noto-cjk)");
    }
    return family;
  }

  private static StandardChartTheme theme(boolean dark, Optional<String> family) {
    StandardChartTheme theme =
        dark
            ? (StandardChartTheme) StandardChartTheme.createDarknessTheme()
            : new StandardChartTheme("light");
    String name = family.orElse(Font.SANS_SERIF);
    theme.setExtraLargeFont(new Font(name, Font.BOLD, 20));
    theme.setLargeFont(new Font(name, Font.BOLD, 14));
    theme.setRegularFont(new Font(name, Font.PLAIN, 12));
    theme.setSmallFont(new Font(name, Font.PLAIN, 10));
    if (!dark) {
      theme.setPlotBackgroundPaint(Color.WHITE);
      theme.setChartBackgroundPaint(Color.WHITE);
      theme.setDomainGridlinePaint(new Color(0xDDDDDD));
      theme.setRangeGridlinePaint(new Color(0xDDDDDD));
    }
    return theme;
  }
}
