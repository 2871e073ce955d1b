package dev.notifier.message;

/**
 * Free text from an event is accepted at any length the event size allows (an alert must not be
 * refused for a long error text) and cut here, for display, to what a chat message can show.
 */
public final class Clip {

  /** A name: a provider, a user, a quota's target. */
  public static final int NAME = 200;

  /** An error text or a URL quoted in a message. */
  public static final int TEXT = 1_000;

  private Clip() {}

  /** At most {@code max} characters, never splitting a surrogate pair, "…" marking a cut. */
  public static String to(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
