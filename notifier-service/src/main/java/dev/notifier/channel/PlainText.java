package dev.notifier.channel;

import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.List;

/**
 * A message with no markup at all, for channels and parts that show text as it is (WeCom text
 * messages, the plain alternative of an e-mail). Layout comes from line breaks alone.
 */
public final class PlainText {

  private PlainText() {}

  public static String render(Message message) {
    StringBuilder out = new StringBuilder(message.title()).append("\n\n");
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> out.append(spans(h.spans())).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append(f.heading()).append('\n');
          }
          for (Block.Field field : f.fields()) {
            out.append(field.label()).append(": ").append(spans(field.value())).append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append("--\n").append(message.footer()).toString();
  }

  public static String spans(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    spans.forEach(s -> out.append(s.text()));
    return out.toString();
  }
}
