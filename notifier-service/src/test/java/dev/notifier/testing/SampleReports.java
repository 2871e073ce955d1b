package dev.notifier.testing;

import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;

/** Six hours of usage as a report shows them (see Samples). */
public final class SampleReports {

  private SampleReports() {}

  /**
   * The sample with {@code text} as every name that comes from an event (plain names when null).
   */
  public static Message message(String text, Presentation p) {
    return Samples.report(text, p);
  }
}
