package dev.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Cuts text to a platform limit on a character boundary, with a visible marker, never
 * mid-character.
 */
public final class Truncation {

  public static final String MARKER = "\n…(truncated)";

  private Truncation() {}

  /** At most {@code maxBytes} of UTF-8, marker included. */
  public static String toUtf8Bytes(String text, int maxBytes) {
    if (utf8Length(text) <= maxBytes) {
      return text;
    }
    int budget = maxBytes - utf8Length(MARKER);
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = utf8Length(cp);
      if (used + size > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return out.append(MARKER).toString();
  }

  /**
   * At most {@code maxChars} UTF-16 characters, marker included, never splitting a surrogate pair.
   */
  public static String toChars(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars - MARKER.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, Math.max(0, end)) + MARKER;
  }

  /**
   * The body {@code bodyOf} makes from {@code text}, the text cut until the whole body is within
   * {@code maxBytes} of UTF-8. The envelope and the escaping it adds are measured, not guessed.
   */
  public static String fitBody(String text, int maxBytes, Function<String, String> bodyOf) {
    String body = bodyOf.apply(text);
    if (utf8Length(body) <= maxBytes) {
      return body;
    }
    // The largest cut that fits: escaping grows unevenly, so search rather than estimate. This
    // only runs for an oversized message, a few serialisations of a few kilobytes each.
    int fits = utf8Length(MARKER);
    int tooBig = utf8Length(text);
    String best = bodyOf.apply(toUtf8Bytes(text, fits));
    while (tooBig - fits > 1) {
      int middle = (fits + tooBig) >>> 1;
      String candidate = bodyOf.apply(toUtf8Bytes(text, middle));
      if (utf8Length(candidate) <= maxBytes) {
        fits = middle;
        best = candidate;
      } else {
        tooBig = middle;
      }
    }
    return best;
  }

  public static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) return 1;
    if (codePoint < 0x800) return 2;
    if (codePoint < 0x10000) return 3;
    return 4;
  }
}
