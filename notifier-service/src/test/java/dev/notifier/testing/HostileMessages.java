package dev.notifier.testing;

import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random messages for property tests: every text a mixture of what markup gives meaning to (HTML,
 * Markdown, mention syntax), emoji (surrogate pairs, joiners), CJK and white space, at random
 * lengths up to several times any platform's limit, in every style. Seeded, so a failure names what
 * reproduces it.
 */
public final class HostileMessages {

  private static final String[] ALPHABET = {
    "<",
    ">",
    "&",
    "\"",
    "'",
    "&amp;",
    "<b>",
    "*",
    "_",
    "`",
    "~",
    "[",
    "]",
    "(",
    ")",
    "#",
    "|",
    "<@all>",
    "@all",
    "<!channel>",
    "😀",
    "👨‍👩‍👧",
    "熔断",
    "告警",
    "a",
    "Z",
    " ",
    "\n",
    "x",
    "\u00e9",
    "ß",
    "\\"
  };

  private HostileMessages() {}

  /** A message whose texts together run to about {@code scale} characters at most. */
  public static Message random(long seed, int scale) {
    Random random = new Random(seed);
    List<Span> spans = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      Span.Style style = Span.Style.values()[random.nextInt(Span.Style.values().length)];
      spans.add(new Span(text(random, random.nextInt(scale / 3 + 1)), style));
    }
    List<Block.Field> fields = new ArrayList<>();
    int fieldCount = random.nextInt(8);
    for (int i = 0; i < fieldCount; i++) {
      fields.add(
          new Block.Field(
              text(random, random.nextInt(50)),
              List.of(Span.code(text(random, random.nextInt(scale / 4 + 1))))));
    }
    return new Message(
        text(random, 1 + random.nextInt(300)),
        Level.values()[random.nextInt(Level.values().length)],
        List.of(new Block.Highlight(spans), new Block.Fields(text(random, 20), fields)),
        text(random, random.nextInt(400)),
        Map.of("notification_id", "seed-" + seed));
  }

  private static String text(Random random, int pieces) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }
}
