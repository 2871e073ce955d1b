package dev.notifier.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notifier.message.Chart;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.testing.SampleReports;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.general.PieDataset;
import org.junit.jupiter.api.Test;

/**
 * The usage report's charts as drawn: valid PNGs of the configured size, within every platform's
 * limit, whose datasets hold the message's numbers (no pixels compared).
 */
class ChartImagesTest {

  private final ChartImages images = new ChartImages(new ChartProperties("light", 800, 480));
  private final Message report = SampleReports.message(null, Presentation.of("zh-CN", "UTC"));

  @Test
  void everyChartIsAValidPngOfTheConfiguredSize() throws Exception {
    assertThat(report.charts())
        .extracting(Chart::name)
        .containsExactly("overview", "models", "trend", "keys");
    for (Chart chart : report.charts()) {
      byte[] png = images.png(chart);
      dump(chart.name(), png);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
      BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(read).as(chart.name()).isNotNull();
      assertThat(read.getWidth()).isEqualTo(800);
      assertThat(read.getHeight()).isEqualTo(480);
      // WeCom's 2 MB is the smallest limit among the platforms that take pictures
      assertThat(png.length).as(chart.name()).isBetween(1_000, 2 * 1024 * 1024);
    }
  }

  @Test
  void theLargestSizeStaysWithinWeComsLimit() {
    ChartImages largest = new ChartImages(new ChartProperties("dark", 2000, 2000));
    for (Chart chart : report.charts()) {
      assertThat(largest.png(chart).length).as(chart.name()).isLessThan(2 * 1024 * 1024);
    }
  }

  @Test
  void theDatasetDrawnHoldsTheMessagesNumbersInOrder() {
    // the sample: 2M input, 400K output, 200K cache write, 1M cache read; two models; three days
    assertThat(values(images.build(chart("overview"))))
        .containsExactly(2_000_000.0, 400_000.0, 200_000.0, 1_000_000.0);
    assertThat(labels(images.build(chart("overview")))).containsExactly("输入", "输出", "缓存写入", "缓存读取");
    assertThat(values(images.build(chart("models")))).containsExactly(2_700_000.0, 900_000.0);
    assertThat(labels(images.build(chart("models")))).containsExactly("claude-sonnet-4", "gpt-4o");
    assertThat(values(images.build(chart("trend")))).containsExactly(0.0, 5_000.0, 1_440.0);
    assertThat(values(images.build(chart("keys")))).containsExactly(15.25, 6.25);
    assertThat(labels(images.build(chart("keys")))).containsExactly("laptop", "密钥 12");
  }

  @Test
  void twoKeysWithTheSameNameStayTwoBars() {
    Chart same = new Chart(Chart.Kind.BAR, "keys", "t", List.of("ci", "ci"), List.of(1.0, 2.0));
    assertThat(values(images.build(same))).containsExactly(1.0, 2.0);
  }

  @Test
  void aThemeOrSizeOutOfRangeRefusesTheStart() {
    assertThatThrownBy(() -> new ChartProperties("blue", 800, 480))
        .hasMessageContaining("notifier.charts.theme");
    assertThatThrownBy(() -> new ChartProperties("light", 100, 480))
        .hasMessageContaining("notifier.charts.width");
    assertThatThrownBy(() -> new ChartProperties("light", 800, 5000))
        .hasMessageContaining("notifier.charts.height");
  }

  /** With -Dcharts.dump=DIR, writes the pictures there to be looked at. */
  private static void dump(String name, byte[] png) throws java.io.IOException {
    String dir = System.getProperty("charts.dump");
    if (dir != null) {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      java.nio.file.Files.write(java.nio.file.Path.of(dir, name + ".png"), png);
    }
  }

  private Chart chart(String name) {
    return report.charts().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Double> values(JFreeChart chart) {
    List<Double> out = new ArrayList<>();
    if (chart.getPlot() instanceof CategoryPlot plot) {
      CategoryDataset data = plot.getDataset();
      for (int i = 0; i < data.getColumnCount(); i++) {
        out.add(data.getValue(0, i).doubleValue());
      }
    } else {
      PieDataset<?> data = ((PiePlot<?>) chart.getPlot()).getDataset();
      for (int i = 0; i < data.getItemCount(); i++) {
        out.add(data.getValue(i).doubleValue());
      }
    }
    return out;
  }

  private static List<String> labels(JFreeChart chart) {
    List<String> out = new ArrayList<>();
    if (chart.getPlot() instanceof CategoryPlot plot) {
      plot.getDataset().getColumnKeys().forEach(k -> out.add(k.toString()));
    } else {
      ((PiePlot<?>) chart.getPlot()).getDataset().getKeys().forEach(k -> out.add(k.toString()));
    }
    return out;
  }
}
