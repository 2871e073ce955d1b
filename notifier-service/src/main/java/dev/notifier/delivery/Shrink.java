package dev.notifier.delivery;

import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A message at about half its length, for a platform that answered "too large" although the sender
 * kept to the documented limit (some limits are unverified, some platforms count differently). The
 * longest texts are cut first, each with a visible "…", so the title, the labels and the short
 * values that make an alert readable survive.
 */
final class Shrink {

  private static final String CUT = "…";
  private static final int SHORTEST_CUT = 16;

  private Shrink() {}

  /** The message with its span texts cut to about half their total length; as is if it cannot. */
  static Message toHalf(Message message) {
    List<String> texts = new ArrayList<>();
    message.blocks().forEach(b -> spansOf(b).forEach(s -> texts.add(s.text())));
    int total = texts.stream().mapToInt(String::length).sum();
    int cap = capFor(texts, total / 2);
    if (cap < 0) {
      return message;
    }
    List<Block> blocks = new ArrayList<>();
    for (Block block : message.blocks()) {
      blocks.add(
          switch (block) {
            case Block.Highlight h -> new Block.Highlight(cut(h.spans(), cap));
            case Block.Fields f ->
                new Block.Fields(
                    f.heading(),
                    f.fields().stream()
                        .map(field -> new Block.Field(field.label(), cut(field.value(), cap)))
                        .toList());
          });
    }
    return new Message(
        message.title(),
        message.level(),
        blocks,
        message.footer(),
        message.variables(),
        message.charts());
  }

  /**
   * The largest length every text may keep so that all together fit {@code budget}; -1 when even
   * the shortest sensible cut does not shrink anything.
   */
  private static int capFor(List<String> texts, int budget) {
    int longest = texts.stream().mapToInt(String::length).max().orElse(0);
    for (int cap = longest - 1; cap >= SHORTEST_CUT; cap = cap * 9 / 10) {
      int c = cap;
      int total = texts.stream().mapToInt(t -> Math.min(t.length(), c + CUT.length())).sum();
      if (total <= budget) {
        return cap;
      }
    }
    return longest > SHORTEST_CUT ? SHORTEST_CUT : -1;
  }

  private static List<Span> cut(List<Span> spans, int cap) {
    return spans.stream()
        .map(
            s -> {
              if (s.text().length() <= cap) {
                return s;
              }
              int end = Character.isHighSurrogate(s.text().charAt(cap - 1)) ? cap - 1 : cap;
              return new Span(s.text().substring(0, end) + CUT, s.style());
            })
        .toList();
  }

  private static List<Span> spansOf(Block block) {
    return switch (block) {
      case Block.Highlight h -> h.spans();
      case Block.Fields f -> f.fields().stream().flatMap(x -> x.value().stream()).toList();
    };
  }
}
