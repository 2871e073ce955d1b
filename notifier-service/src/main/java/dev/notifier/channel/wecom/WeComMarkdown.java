package dev.notifier.channel.wecom;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.message.Block;
import dev.notifier.message.Message;

/**
 * A message in WeCom's markdown dialect: heading, quote, bold labels, inline code, a rule and the
 * footer.
 */
final class WeComMarkdown {

  private WeComMarkdown() {}

  static String render(Message message) {
    StringBuilder out = new StringBuilder("## ").append(message.title()).append("\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append("> ").append(MarkdownSpans.render(h.spans())).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(f.heading()).append("**\n");
          }
          for (Block.Field field : f.fields()) {
            out.append(field.label())
                .append(": ")
                .append(MarkdownSpans.render(field.value()))
                .append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("---\n").append(message.footer()).toString();
  }
}
