package dev.notifier.testing;

import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;

/** A cache-hit alert of three rows (see Samples). */
public final class SampleCacheHits {

  private SampleCacheHits() {}

  /**
   * The sample with {@code text} as every name that comes from an event (plain names when null).
   */
  public static Message message(String text, Presentation p) {
    return Samples.cacheHits(text, p);
  }
}
