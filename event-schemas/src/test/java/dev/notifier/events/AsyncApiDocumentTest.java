package dev.notifier.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document stays true to the topics and schemas it describes. */
class AsyncApiDocumentTest {

  private final JsonNode doc = new YAMLMapper().readTree(ExampleEvents.read("asyncapi.yaml"));

  @Test
  void describesAllFourTopicsInAsyncApi3() {
    assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
    List<String> addresses = new ArrayList<>();
    doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
    assertThat(addresses)
        .containsExactlyInAnyOrder(
            "notifier.events",
            "notifier.events.DLT",
            "notifier.deliveries",
            "notifier.deliveries.DLT");
  }

  @Test
  void everyEventTypeHasAMessageWithItsSchema() {
    JsonNode messages = doc.get("components").get("messages");
    for (EventType type : EventType.values()) {
      JsonNode message =
          messages
              .valueStream()
              .filter(m -> m.path("name").asString("").equals(type.wireName()))
              .findFirst()
              .orElseThrow();
      assertThat(message.toString()).contains("./" + type.schemaResource());
    }
  }

  @Test
  void everyFileReferenceResolvesToAShippedResource() {
    List<String> refs = new ArrayList<>();
    collectFileRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(getClass().getClassLoader().getResource(ref.substring(2))).as(ref).isNotNull();
    }
  }

  private static void collectFileRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.asString().startsWith("./")) {
        refs.add(ref.asString());
      }
      node.values().forEach(child -> collectFileRefs(child, refs));
    } else if (node.isArray()) {
      node.forEach(child -> collectFileRefs(child, refs));
    }
  }
}
