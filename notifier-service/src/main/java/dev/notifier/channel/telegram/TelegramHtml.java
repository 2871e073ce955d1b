package dev.notifier.channel.telegram;

import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in Telegram's HTML parse mode, every text escaped ({@code & < >}), and split into parts
 * of at most 4096 characters on line boundaries where possible.
 */
final class TelegramHtml {

  /** https://core.telegram.org/bots/api#sendmessage: 1-4096 characters after entity parsing. */
  static final int MAX_CHARS = 4096;

  private TelegramHtml() {}

  static String render(Message message) {
    StringBuilder out = new StringBuilder("<b>").append(escape(message.title())).append("</b>\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> out.append(spans(h.spans())).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("<b>").append(escape(f.heading())).append("</b>\n");
          }
          for (Block.Field field : f.fields()) {
            out.append(escape(field.label()))
                .append(": ")
                .append(spans(field.value()))
                .append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("<i>").append(escape(message.footer())).append("</i>").toString();
  }

  /**
   * Parts of at most {@link #MAX_CHARS}, cut after a newline when one is in the second half of the
   * part, never inside a tag or an entity (the rendered lines close every tag they open, and an
   * over-long line is cut before its last '&' or '<').
   */
  static List<String> split(String html) {
    List<String> parts = new ArrayList<>();
    String rest = html;
    while (rest.length() > MAX_CHARS) {
      int cut = rest.lastIndexOf('\n', MAX_CHARS - 1);
      if (cut < MAX_CHARS / 2) {
        cut = MAX_CHARS;
        int open = Math.max(rest.lastIndexOf('<', cut - 1), rest.lastIndexOf('&', cut - 1));
        int close = Math.max(rest.lastIndexOf('>', cut - 1), rest.lastIndexOf(';', cut - 1));
        if (open > close) {
          cut = open;
        }
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--;
        }
      } else {
        cut++;
      }
      parts.add(rest.substring(0, cut));
      rest = rest.substring(cut);
    }
    parts.add(rest);
    return parts;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String spans(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      String text = escape(span.text());
      switch (span.style()) {
        case PLAIN -> out.append(text);
        case BOLD -> out.append("<b>").append(text).append("</b>");
        case CODE -> out.append("<code>").append(text).append("</code>");
      }
    }
    return out.toString();
  }
}
