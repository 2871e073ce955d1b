package dev.notifier.testing;

import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;

/** A day's leaderboard as the seeds show one (see Samples). */
public final class SampleLeaderboards {

  private SampleLeaderboards() {}

  /**
   * The sample with {@code text} as every name that comes from an event (plain names when null).
   */
  public static Message message(String text, Presentation p) {
    return Samples.leaderboard(text, p);
  }
}
