package dev.notifier.channel.wecom;

import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.List;

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
        case Block.Highlight h -> out.append("> ").append(spans(h.spans())).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(f.heading()).append("**\n");
          }
          for (Block.Field field : f.fields()) {
            out.append(field.label()).append(": ").append(spans(field.value())).append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("---\n").append(message.footer()).toString();
  }

  private static String spans(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      switch (span.style()) {
        case PLAIN -> out.append(span.text());
        case BOLD -> out.append("**").append(span.text()).append("**");
        // A backtick inside inline code would end it early.
        case CODE -> out.append('`').append(span.text().replace('`', '\'')).append('`');
      }
    }
    return out.toString();
  }
}
