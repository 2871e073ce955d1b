package dev.notifier.channel.wecom;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.MarkupEscape;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.function.UnaryOperator;

/**
 * A message in WeCom's markdown dialect: a heading coloured by level, quote, bold labels, inline
 * code, a rule and the footer.
 */
final class WeComMarkdown {

  /** WeCom documents no escape: what opens its markup becomes a look-alike. */
  static final UnaryOperator<String> TEXT = MarkupEscape.lookalikes("<>[]*`#~|&_");

  private WeComMarkdown() {}

  static String render(Message message) {
    StringBuilder out =
        new StringBuilder("## <font color=\"")
            .append(colour(message.level()))
            .append("\">")
            .append(TEXT.apply(message.title()))
            .append("</font>\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append("> ").append(MarkdownSpans.render(h.spans(), TEXT)).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(TEXT.apply(f.heading())).append("**\n");
          }
          for (Block.Field field : f.fields()) {
            out.append(TEXT.apply(field.label()))
                .append(": ")
                .append(MarkdownSpans.render(field.value(), TEXT))
                .append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("---\n").append(TEXT.apply(message.footer())).toString();
  }

  /** WeCom has three font colours: info is green, comment grey, warning orange-red. */
  private static String colour(Level level) {
    return switch (level) {
      case ERROR, WARNING -> "warning";
      case OK -> "info";
      case INFO -> "comment";
    };
  }
}
