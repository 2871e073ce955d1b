package dev.notifier.channel.dingtalk;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.MarkupEscape;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.function.UnaryOperator;

/**
 * A message in DingTalk's markdown subset: headings, quotes, bold, rules. It has no inline code and
 * no colours, and a single newline does not break a line, so lines end with two spaces.
 */
final class DingTalkMarkdown {

  private static final String BREAK = "  \n";

  /** DingTalk documents no escape: what opens its markup becomes a look-alike. */
  static final UnaryOperator<String> TEXT = MarkupEscape.lookalikes("<>[]*`#~|&_");

  private DingTalkMarkdown() {}

  static String render(Message message) {
    StringBuilder out =
        new StringBuilder("### ")
            .append(marker(message.level()))
            .append(TEXT.apply(message.title()))
            .append("\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append("> ")
                .append(MarkdownSpans.renderWithoutCode(h.spans(), TEXT))
                .append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(TEXT.apply(f.heading())).append("**").append(BREAK);
          }
          for (Block.Field field : f.fields()) {
            out.append("- ")
                .append(TEXT.apply(field.label()))
                .append(": ")
                .append(MarkdownSpans.renderWithoutCode(field.value(), TEXT));
            out.append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("---\n\n").append(TEXT.apply(message.footer())).toString();
  }

  /** No colours in DingTalk markdown: a symbol carries the level instead. */
  private static String marker(Level level) {
    return switch (level) {
      case ERROR -> "🔴 ";
      case WARNING -> "🟠 ";
      case INFO -> "🔵 ";
      case OK -> "🟢 ";
    };
  }
}
