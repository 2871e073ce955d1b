package dev.notifier.channel.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Reads a text as Telegram's HTML parse mode does (https://core.telegram.org/bots/api#html-style),
 * as far as the notifier's output goes: tags b, i and code, properly nested; the entities &amp;lt;
 * &amp;gt; &amp;amp; &amp;quot;; any other '&lt;' or '&amp;' is the "can't parse entities" error.
 * Returns the visible text, which is what Telegram counts against its 4096 characters.
 */
final class TelegramParser {

  private static final Set<String> TAGS = Set.of("b", "i", "code");

  private TelegramParser() {}

  static String visible(String html) {
    StringBuilder out = new StringBuilder();
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          throw new IllegalArgumentException("can't parse entities: unclosed tag at " + i);
        }
        String tag = html.substring(i + 1, end);
        if (tag.startsWith("/")) {
          String name = tag.substring(1);
          if (open.isEmpty() || !open.pop().equals(name)) {
            throw new IllegalArgumentException("can't parse entities: unmatched </" + name + ">");
          }
        } else if (TAGS.contains(tag)) {
          open.push(tag);
        } else {
          throw new IllegalArgumentException("can't parse entities: unsupported tag <" + tag + ">");
        }
        i = end + 1;
      } else if (c == '&') {
        int end = html.indexOf(';', i);
        String entity = end < 0 ? "" : html.substring(i, end + 1);
        switch (entity) {
          case "&lt;" -> out.append('<');
          case "&gt;" -> out.append('>');
          case "&amp;" -> out.append('&');
          case "&quot;" -> out.append('"');
          default -> throw new IllegalArgumentException("can't parse entities: bad entity at " + i);
        }
        i = end + 1;
      } else if (c == '>') {
        throw new IllegalArgumentException("can't parse entities: stray '>' at " + i);
      } else {
        out.append(c);
        i++;
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("can't parse entities: unclosed <" + open.peek() + ">");
    }
    return out.toString();
  }
}
