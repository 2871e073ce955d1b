package dev.notifier.channel.email;

import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.List;

/**
 * A message as a small HTML document with inline styles only, since mail clients drop style sheets;
 * every text is escaped.
 */
final class EmailHtml {

  private EmailHtml() {}

  static String render(Message message) {
    return render(message, List.of());
  }

  /** An inline picture: the Content-ID of its MIME part and the text shown without it. */
  record Inline(String contentId, String alt) {}

  /** With pictures shown after the text, each from its MIME part ({@code cid:}). */
  static String render(Message message, List<Inline> pictures) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n")
            .append("<h2 style=\"border-left:6px solid ")
            .append(colour(message.level()))
            .append(";padding-left:8px\">")
            .append(escape(message.title()))
            .append("</h2>\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> out.append("<p>").append(spans(h.spans())).append("</p>\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("<h3>").append(escape(f.heading())).append("</h3>\n");
          }
          out.append("<table>\n");
          for (Block.Field field : f.fields()) {
            out.append("<tr><th align=\"left\">")
                .append(escape(field.label()))
                .append("</th><td>")
                .append(spans(field.value()))
                .append("</td></tr>\n");
          }
          out.append("</table>\n");
        }
      }
    }
    for (Inline picture : pictures) {
      out.append("<p><img src=\"cid:")
          .append(escape(picture.contentId()))
          .append("\" alt=\"")
          .append(escape(picture.alt()))
          .append("\"></p>\n");
    }
    return out.append("<hr>\n<p style=\"color:#888888\">")
        .append(escape(message.footer()))
        .append("</p>\n</body></html>\n")
        .toString();
  }

  private static String colour(Level level) {
    return switch (level) {
      case ERROR -> "#d32f2f";
      case WARNING -> "#f57c00";
      case INFO -> "#1976d2";
      case OK -> "#388e3c";
    };
  }

  private static String spans(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      switch (span.style()) {
        case PLAIN -> out.append(escape(span.text()));
        case BOLD -> out.append("<b>").append(escape(span.text())).append("</b>");
        case CODE -> out.append("<code>").append(escape(span.text())).append("</code>");
      }
    }
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
