package dev.notifier.chart;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param theme {@code light} or {@code dark}
 * @param width pixels, 320–2000
 * @param height pixels, 200–2000
 */
@ConfigurationProperties("notifier.charts")
public record ChartProperties(
    @DefaultValue("light") String theme,
    @DefaultValue("800") int width,
    @DefaultValue("480") int height) {

  public ChartProperties {
    if (!theme.equals("light") && !theme.equals("dark")) {
      throw new IllegalArgumentException(
          "notifier.charts.theme must be light or dark, was " + theme);
    }
    if (width < 320 || width > 2000) {
      throw new IllegalArgumentException(
          "notifier.charts.width must be between 320 and 2000, was " + width);
    }
    if (height < 200 || height > 2000) {
      throw new IllegalArgumentException(
          "notifier.charts.height must be between 200 and 2000, was " + height);
    }
  }

  boolean dark() {
    return theme.equals("dark");
  }
}
