package dev.notifier.delivery;

import dev.notifier.channel.PlainText;
import dev.notifier.message.Block;
import dev.notifier.message.Clip;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Several held messages as one: the first in full, then "+N more" with one line for each of the
 * others (its title and what happened), at the most serious level among them.
 */
final class Digest {

  /** One summary line never takes more than this, so one long error cannot crowd out the rest. */
  static final int LINE_MAX_CHARS = 160;

  private Digest() {}

  /**
   * How many of {@code messages}, from the first, fit one digest: at most {@code maxMessages}, and
   * summary lines of at most {@code maxBytes} in all (UTF-8), so that the digest stays within the
   * platform's limit and nothing in it is cut. Always at least one.
   */
  static int fitting(List<Message> messages, int maxMessages, int maxBytes) {
    int used = 0;
    int n = 1;
    while (n < messages.size() && n < maxMessages) {
      used += line(messages.get(n)).getBytes(StandardCharsets.UTF_8).length + LABEL_OVERHEAD;
      if (used > maxBytes) {
        break;
      }
      n++;
    }
    return n;
  }

  // a label, separators and markup around each line, generously
  private static final int LABEL_OVERHEAD = 16;

  /**
   * {@code presentation} words the "+N more" heading in the readers' language. The digest is a
   * notification of its own: its {@code notification_id} (a receiver's idempotency key) derives
   * from the ids it carries, so it is the same on every attempt and differs from each of theirs.
   */
  static Message merge(
      List<Message> messages, List<String> notificationIds, Presentation presentation) {
    Message first = messages.getFirst();
    if (messages.size() == 1) {
      return first;
    }
    List<Message> rest = messages.subList(1, messages.size());
    List<Block.Field> lines = new ArrayList<>();
    for (Message m : rest) {
      lines.add(new Block.Field(m.title(), List.of(Span.plain(line(m)))));
    }
    List<Block> blocks = new ArrayList<>(first.blocks());
    blocks.add(new Block.Fields(presentation.text("digest.more", rest.size()), lines));
    Map<String, Object> variables = new HashMap<>(first.variables());
    variables.put("digest_count", messages.size());
    variables.put(
        "notification_id",
        "digest-"
            + UUID.nameUUIDFromBytes(
                String.join("\n", notificationIds).getBytes(StandardCharsets.UTF_8)));
    Level level =
        messages.stream()
            .map(Message::level)
            .max(Comparator.comparing(Digest::severity))
            .orElseThrow();
    return new Message(first.title(), level, blocks, first.footer(), variables);
  }

  /** What a message says, in one line: its highlight, or its title when it has none. */
  static String line(Message m) {
    String text =
        m.blocks().stream()
            .filter(b -> b instanceof Block.Highlight)
            .map(b -> PlainText.spans(((Block.Highlight) b).spans()))
            .findFirst()
            .orElse(m.title());
    return Clip.to(text.replaceAll("\\s+", " ").trim(), LINE_MAX_CHARS);
  }

  private static int severity(Level level) {
    return switch (level) {
      case OK -> 0;
      case INFO -> 1;
      case WARNING -> 2;
      case ERROR -> 3;
    };
  }
}
