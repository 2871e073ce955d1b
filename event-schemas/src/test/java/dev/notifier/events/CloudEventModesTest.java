package dev.notifier.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notifier.events.InvalidEventException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Both modes of the CloudEvents Kafka protocol binding, the JSON format's {@code data_base64}, and
 * media types with parameters, as the specifications describe them.
 */
class CloudEventModesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EventValidator validator = new EventValidator(64 * 1024);
  private final ObjectNode example =
      (ObjectNode) JSON.readTree(ExampleEvents.read("examples/v1/circuit-breaker-opened.json"));

  @Test
  void binaryModeReadsTheAttributesFromCeHeadersAndTheDataFromTheValue() throws Exception {
    ValidatedEvent event = validator.validate(dataBytes(), binaryHeaders());

    assertThat(event.type()).isEqualTo(EventType.BREAKER_OPENED_V1);
    assertThat(event.id()).isEqualTo(example.get("id").asString());
    assertThat(event.subject()).isEqualTo("provider:1");
    assertThat(event.dataAs(BreakerOpened.class).failureCount()).isEqualTo(5);
  }

  @Test
  void binaryModeNamesAMissingAttributeByItsHeader() {
    Map<String, String> headers = binaryHeaders();
    headers.remove("ce_time");

    assertThatThrownBy(() -> validator.validate(dataBytes(), headers))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
              assertThat(e.getMessage()).contains("header ce_time: is required");
              assertThat(e.getMessage()).doesNotContain("specversion");
            });
  }

  @Test
  void binaryModeRefusesAValueThatIsNotJson() {
    assertThatThrownBy(
            () -> validator.validate("<xml/>".getBytes(StandardCharsets.UTF_8), binaryHeaders()))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
              assertThat(e.getMessage()).contains("record's value");
            });
  }

  @Test
  void structuredModeIsChosenByItsContentTypeWhateverElseIsThere() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(binaryHeaders());
    headers.put("content-type", "application/cloudevents+json; charset=UTF-8");

    ValidatedEvent event = validator.validate(whole(example), headers);

    assertThat(event.type()).isEqualTo(EventType.BREAKER_OPENED_V1);
  }

  @Test
  void aBatchContentTypeIsRefusedByName() {
    assertThatThrownBy(
            () ->
                validator.validate(
                    whole(example), Map.of("content-type", "application/cloudevents-batch+json")))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.getMessage()).contains("header content-type"));
  }

  @Test
  void dataBase64IsDecoded() throws Exception {
    ObjectNode event = example.deepCopy();
    JsonNode data = event.remove("data");
    event.put("data_base64", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(data)));

    ValidatedEvent validated = validator.validate(whole(event));

    assertThat(validated.dataAs(BreakerOpened.class).providerName()).isEqualTo("Anthropic 官方");
  }

  @Test
  void dataBase64ThatIsNotBase64OrNotJsonIsNamed() {
    ObjectNode notBase64 = example.deepCopy();
    notBase64.remove("data");
    notBase64.put("data_base64", "%%%");
    ObjectNode notJson = example.deepCopy();
    notJson.remove("data");
    notJson.put("data_base64", Base64.getEncoder().encodeToString("nope".getBytes()));
    ObjectNode both = example.deepCopy();
    both.put("data_base64", "e30=");

    assertThatThrownBy(() -> validator.validate(whole(notBase64)))
        .hasMessageContaining("$.data_base64: not base64");
    assertThatThrownBy(() -> validator.validate(whole(notJson)))
        .hasMessageContaining("$.data_base64 (decoded) is not JSON");
    assertThatThrownBy(() -> validator.validate(whole(both))).hasMessageContaining("not both");
  }

  @Test
  void jsonMediaTypesWithParametersAreAccepted() throws Exception {
    for (String type :
        new String[] {
          "application/json; charset=utf-8",
          "Application/JSON;charset=\"UTF-8\"",
          "application/vnd.llmproxy+json",
          "text/json"
        }) {
      ObjectNode event = example.deepCopy();
      event.put("datacontenttype", type);
      assertThat(validator.validate(whole(event)).type())
          .as(type)
          .isEqualTo(EventType.BREAKER_OPENED_V1);
    }
  }

  @Test
  void otherMediaTypesAndCharsetsAreRefused() {
    ObjectNode xml = example.deepCopy();
    xml.put("datacontenttype", "application/xml");
    ObjectNode latin1 = example.deepCopy();
    latin1.put("datacontenttype", "application/json; charset=iso-8859-1");
    Map<String, String> binaryLatin1 = binaryHeaders();
    binaryLatin1.put("content-type", "application/json; charset=latin1");

    assertThatThrownBy(() -> validator.validate(whole(xml)))
        .hasMessageContaining("$.datacontenttype");
    assertThatThrownBy(() -> validator.validate(whole(latin1)))
        .hasMessageContaining("charset 'iso-8859-1'");
    assertThatThrownBy(() -> validator.validate(dataBytes(), binaryLatin1))
        .hasMessageContaining("header content-type: charset");
  }

  @Test
  void aLongErrorTextIsAcceptedUpToTheEventLimit() throws Exception {
    ObjectNode event = example.deepCopy();
    ((ObjectNode) event.get("data")).put("lastError", "e".repeat(20_000));
    ((ObjectNode) event.get("data")).put("providerName", "p".repeat(5_000));

    assertThat(validator.validate(whole(event)).dataAs(BreakerOpened.class).lastError())
        .hasSize(20_000);
  }

  @Test
  void usageFiguresHaveSaneMaxima() {
    ObjectNode usage =
        (ObjectNode) JSON.readTree(ExampleEvents.read("examples/v1/usage-recorded.json"));
    ObjectNode huge = usage.deepCopy();
    ((ObjectNode) huge.get("data")).put("inputTokens", Long.MAX_VALUE);
    ObjectNode costly = usage.deepCopy();
    ((ObjectNode) costly.get("data")).put("cost", 2_000_000_000L);

    assertThatThrownBy(() -> validator.validate(whole(huge)))
        .hasMessageContaining("$.data.inputTokens");
    assertThatThrownBy(() -> validator.validate(whole(costly))).hasMessageContaining("$.data.cost");
  }

  private Map<String, String> binaryHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String attribute :
        new String[] {"specversion", "id", "source", "type", "time", "subject"}) {
      headers.put("ce_" + attribute, example.get(attribute).asString());
    }
    headers.put("ce_dataschema", example.get("dataschema").asString());
    headers.put("content-type", "application/json");
    return headers;
  }

  private byte[] dataBytes() {
    return JSON.writeValueAsBytes(example.get("data"));
  }

  private static byte[] whole(JsonNode event) {
    return JSON.writeValueAsBytes(event);
  }
}
