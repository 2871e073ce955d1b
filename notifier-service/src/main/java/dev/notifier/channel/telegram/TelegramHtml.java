package dev.notifier.channel.telegram;

import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in Telegram's HTML parse mode, split into messages Telegram accepts. Telegram limits a
 * message to 4096 characters of visible text, counted after entity parsing in UTF-16 units: so the
 * message is laid out as styled pieces of plain text, cut on that text (after a newline where one
 * is in the second half of a part, never inside a surrogate pair), and only then written as HTML,
 * every text escaped and every part's tags balanced. A part cut inside a line ends with a marker.
 */
final class TelegramHtml {

  /** https://core.telegram.org/bots/api#sendmessage: 1-4096 characters after entity parsing. */
  static final int MAX_CHARS = 4096;

  /** Ends a part cut inside a line. */
  static final String CUT_MARKER = "…";

  private enum Style {
    PLAIN,
    BOLD,
    ITALIC,
    CODE
  }

  /** Visible text in one style; its length is what Telegram counts. */
  private record Piece(Style style, String text) {}

  private TelegramHtml() {}

  /** The message as the parts to send, in order, each valid HTML within {@link #MAX_CHARS}. */
  static List<String> parts(Message message) {
    return parts(message, MAX_CHARS);
  }

  static List<String> parts(Message message, int max) {
    return split(pieces(message), max).stream().map(TelegramHtml::html).toList();
  }

  private static List<Piece> pieces(Message message) {
    List<Piece> out = new ArrayList<>();
    out.add(new Piece(Style.BOLD, message.title()));
    out.add(new Piece(Style.PLAIN, "\n\n"));
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> {
          spans(h.spans(), out);
          out.add(new Piece(Style.PLAIN, "\n\n"));
        }
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.add(new Piece(Style.BOLD, f.heading()));
            out.add(new Piece(Style.PLAIN, "\n"));
          }
          for (Block.Field field : f.fields()) {
            out.add(new Piece(Style.PLAIN, field.label() + ": "));
            spans(field.value(), out);
            out.add(new Piece(Style.PLAIN, "\n"));
          }
          out.add(new Piece(Style.PLAIN, "\n"));
        }
      }
    }
    out.add(new Piece(Style.ITALIC, message.footer()));
    return out;
  }

  private static void spans(List<Span> spans, List<Piece> out) {
    for (Span span : spans) {
      Style style =
          switch (span.style()) {
            case PLAIN -> Style.PLAIN;
            case BOLD -> Style.BOLD;
            case CODE -> Style.CODE;
          };
      out.add(new Piece(style, span.text()));
    }
  }

  /**
   * Parts of at most {@code max} visible characters, the cut marker included: cut after the last
   * newline in a part's second half, or else at the limit (and marked).
   */
  private static List<List<Piece>> split(List<Piece> pieces, int max) {
    String visible = pieces.stream().map(Piece::text).reduce("", String::concat);
    List<int[]> ranges = new ArrayList<>(); // [from, to, marked]
    int from = 0;
    while (visible.length() - from > max) {
      int newline = visible.lastIndexOf('\n', from + max - 1);
      if (newline >= from + max / 2) {
        ranges.add(new int[] {from, newline + 1, 0});
        from = newline + 1;
      } else {
        int to = from + max - CUT_MARKER.length();
        if (Character.isHighSurrogate(visible.charAt(to - 1))) {
          to--;
        }
        ranges.add(new int[] {from, to, 1});
        from = to;
      }
    }
    // Telegram refuses a message with nothing but white space: what is left of that kind goes
    if (ranges.isEmpty() || !visible.substring(from).isBlank()) {
      ranges.add(new int[] {from, visible.length(), 0});
    }
    List<List<Piece>> parts = new ArrayList<>();
    for (int[] range : ranges) {
      List<Piece> part = slice(pieces, range[0], range[1]);
      if (range[2] == 1) {
        part.add(new Piece(Style.PLAIN, CUT_MARKER));
      }
      parts.add(part);
    }
    return parts;
  }

  /** The pieces' text between visible offsets {@code from} and {@code to}, styles kept. */
  private static List<Piece> slice(List<Piece> pieces, int from, int to) {
    List<Piece> out = new ArrayList<>();
    int at = 0;
    for (Piece p : pieces) {
      int start = Math.max(from, at);
      int end = Math.min(to, at + p.text().length());
      if (start < end) {
        out.add(new Piece(p.style(), p.text().substring(start - at, end - at)));
      }
      at += p.text().length();
    }
    return out;
  }

  /** Each piece escaped and in its own tags, so every part is balanced by construction. */
  private static String html(List<Piece> pieces) {
    StringBuilder out = new StringBuilder();
    for (Piece p : pieces) {
      if (p.text().isEmpty()) {
        continue;
      }
      String text = escape(p.text());
      switch (p.style()) {
        case PLAIN -> out.append(text);
        case BOLD -> out.append("<b>").append(text).append("</b>");
        case ITALIC -> out.append("<i>").append(text).append("</i>");
        case CODE -> out.append("<code>").append(text).append("</code>");
      }
    }
    return out.toString();
  }

  /** The characters Telegram's HTML mode gives meaning to, as the entities it knows. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
