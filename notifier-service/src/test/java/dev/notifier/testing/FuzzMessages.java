package dev.notifier.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A message whose every text comes from the fuzzer, in every style and shape a message has. */
public final class FuzzMessages {

  private FuzzMessages() {}

  public static Message message(FuzzedDataProvider data) {
    String title = data.consumeString(300);
    Level level = data.pickValue(Level.values());
    List<Block> blocks = new ArrayList<>();
    int count = data.consumeInt(0, 4);
    for (int i = 0; i < count; i++) {
      if (data.consumeBoolean()) {
        blocks.add(new Block.Highlight(spans(data)));
      } else {
        List<Block.Field> fields = new ArrayList<>();
        int n = data.consumeInt(0, 30);
        for (int f = 0; f < n; f++) {
          fields.add(new Block.Field(data.consumeString(100), spans(data)));
        }
        blocks.add(new Block.Fields(data.consumeString(60), fields));
      }
    }
    return new Message(title, level, blocks, data.consumeString(200), Map.of());
  }

  private static List<Span> spans(FuzzedDataProvider data) {
    List<Span> spans = new ArrayList<>();
    int n = data.consumeInt(0, 4);
    for (int i = 0; i < n; i++) {
      spans.add(new Span(data.consumeString(2000), data.pickValue(Span.Style.values())));
    }
    return spans;
  }

  /** Every string anywhere in a JSON body, except values of plain-text elements. */
  public static List<String> texts(tools.jackson.databind.JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(tools.jackson.databind.JsonNode node, List<String> out) {
    if (node.isString()) {
      out.add(node.asString());
    } else if (node.isObject()) {
      String kind = node.path("tag").asString(node.path("type").asString(""));
      if (!kind.equals("plain_text")) {
        node.values().forEach(v -> collect(v, out));
      }
    } else if (node.isArray()) {
      node.values().forEach(v -> collect(v, out));
    }
  }
}
