package dev.notifier.channel.dingtalk;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;

/**
 * A message in DingTalk's markdown subset: headings, quotes, bold, rules. It has no inline code and
 * no colours, and a single newline does not break a line, so lines end with two spaces.
 */
final class DingTalkMarkdown {

  private static final String BREAK = "  \n";

  private DingTalkMarkdown() {}

  static String render(Message message) {
    StringBuilder out =
        new StringBuilder("### ")
            .append(marker(message.level()))
            .append(message.title())
            .append("\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append("> ").append(MarkdownSpans.renderWithoutCode(h.spans())).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(f.heading()).append("**").append(BREAK);
          }
          for (Block.Field field : f.fields()) {
            out.append("- ")
                .append(field.label())
                .append(": ")
                .append(MarkdownSpans.renderWithoutCode(field.value()));
            out.append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("---\n\n").append(message.footer()).toString();
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
