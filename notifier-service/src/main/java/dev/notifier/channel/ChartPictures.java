package dev.notifier.channel;

import dev.notifier.chart.ChartImages;
import dev.notifier.message.Chart;
import dev.notifier.message.Message;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message's charts drawn for one platform: those over the platform's size limit are left out
 * (with a warning), since the text already carries every fact they show and the platform would
 * refuse the picture on every attempt.
 */
public final class ChartPictures {

  private static final Logger log = LoggerFactory.getLogger(ChartPictures.class);

  private ChartPictures() {}

  /** A drawn chart: the PNG, and a file name made of the chart's name. */
  public record Picture(Chart chart, byte[] png, String fileName) {}

  public static List<Picture> of(
      Message message, ChartImages images, int maxBytes, String channel) {
    List<Picture> pictures = new ArrayList<>();
    for (Chart chart : message.charts()) {
      byte[] png;
      try {
        png = images.png(chart);
      } catch (RuntimeException | LinkageError | InternalError e) {
        // a machine without fonts (no fontconfig) cannot draw: the text still goes, with every fact
        log.warn(
            "{} chart '{}' could not be drawn, sent as text only: {}",
            channel,
            chart.name(),
            e.toString());
        continue;
      }
      if (png.length > maxBytes) {
        log.warn(
            "{} chart '{}' is {} bytes, over the platform's {}: sent as text only",
            channel,
            chart.name(),
            png.length,
            maxBytes);
        continue;
      }
      pictures.add(new Picture(chart, png, chart.name() + ".png"));
    }
    return pictures;
  }

  /** What identifies the charts of a message, for {@link SentParts#messageKey}. */
  public static String key(Message message) {
    return message.charts().toString();
  }
}
