package dev.notifier.channel.webhook;

import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON document copied with each leaf (anything not an object or array) replaced. */
final class JsonLeaves {

  private JsonLeaves() {}

  static JsonNode map(JsonNode node, UnaryOperator<JsonNode> leaf, JsonMapper json) {
    if (node.isObject()) {
      ObjectNode out = json.createObjectNode();
      node.properties().forEach(e -> out.set(e.getKey(), map(e.getValue(), leaf, json)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = json.createArrayNode();
      node.forEach(v -> out.add(map(v, leaf, json)));
      return out;
    }
    return leaf.apply(node);
  }
}
