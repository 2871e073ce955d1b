package dev.notifier.message;

import java.util.List;

/**
 * A chart as data: what a channel that can carry pictures draws, and what the others already show
 * as text in the message's blocks. Labels are event text (key and model names) and are drawn, never
 * parsed.
 *
 * @param name a stable name per chart of a notification ("overview", "models"), for file names
 * @param title the caption, in the message's language
 * @param labels one per value, in order
 * @param values one per label
 */
public record Chart(
    Kind kind, String name, String title, List<String> labels, List<Double> values) {

  /** How the values are drawn. */
  public enum Kind {
    BAR,
    PIE,
    LINE
  }

  public Chart {
    if (labels.size() != values.size()) {
      throw new IllegalArgumentException(
          "a chart needs one value per label: " + labels.size() + " labels, " + values.size());
    }
    labels = List.copyOf(labels);
    values = List.copyOf(values);
  }
}
