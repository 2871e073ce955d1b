package dev.notifier.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.notifier.events.InvalidEventException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.JsonNodeException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record from the topic into a {@link ValidatedEvent}, or says precisely why it cannot: the
 * size limit first (cheapest), then JSON syntax, the CloudEvents envelope (structured or binary
 * mode), the type, and last the type's payload schema. Thread-safe.
 */
public final class EventValidator {

  private static final String CONTENT_TYPE = "content-type";

  /** Detail texts are cut here: they travel in Kafka headers and log lines. */
  private static final int MAX_DETAIL_CHARS = 500;

  private final int maxEventBytes;
  private final JsonMapper mapper;
  private final @Nullable PlainUsageEvents plainUsage;
  private final Schema envelopeSchema;
  private final Map<EventType, Schema> dataSchemas = new EnumMap<>(EventType.class);

  public EventValidator(int maxEventBytes) {
    this(maxEventBytes, true);
  }

  /**
   * Every event through the schemas, none read the plain way ({@link PlainUsageEvents}): the
   * reference that reading is tested against.
   */
  public static EventValidator schemasOnly(int maxEventBytes) {
    return new EventValidator(maxEventBytes, false);
  }

  private EventValidator(int maxEventBytes, boolean plainReading) {
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // The schemas decide what is required; unknown extra fields are tolerated so producers
            // may add
            // optional fields without a version bump.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An optional number the schema defaults to 0 (cacheReadTokens, ...) may be left out:
            // the schema has checked every number that is present, so an absent one reads as 0
            // instead of failing a valid event.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    this.plainUsage = plainReading ? new PlainUsageEvents(mapper) : null;
    this.envelopeSchema = load(registry, EventType.SCHEMA_RESOURCE_DIR + "cloudevent.json");
    for (EventType type : EventType.values()) {
      dataSchemas.put(type, load(registry, type.schemaResource()));
    }
  }

  /** What the plain reading alone makes of {@code raw}: null when it leaves it to the schemas. */
  @Nullable ValidatedEvent readPlain(byte[] raw) {
    return plainUsage == null ? null : plainUsage.read(raw);
  }

  public int maxEventBytes() {
    return maxEventBytes;
  }

  /** An event in structured mode with no record headers: the whole CloudEvent as JSON. */
  public ValidatedEvent validate(byte[] raw) throws InvalidEventException {
    return validate(raw, Map.of());
  }

  /**
   * An event as it came off the topic: its value and its record headers (names as sent, values as
   * UTF-8 text). Both modes of the CloudEvents Kafka binding are read, told apart as the binding
   * says: a {@code content-type} of {@code application/cloudevents+json} is structured mode; {@code
   * ce_*} headers without it are binary mode (the attributes in headers, the data as the value);
   * neither is structured mode, as our own producers write it.
   */
  public ValidatedEvent validate(byte[] value, Map<String, String> headers)
      throws InvalidEventException {
    if (value.length > maxEventBytes) {
      throw new InvalidEventException(
          Reason.TOO_LARGE, "event is " + value.length + " bytes; the limit is " + maxEventBytes);
    }
    if (plainUsage != null && headers.isEmpty()) {
      ValidatedEvent plain = plainUsage.read(value);
      if (plain != null) {
        return plain;
      }
    }
    String contentType = header(headers, CONTENT_TYPE);
    String mediaType = contentType == null ? "" : mediaType(contentType);
    if (mediaType.startsWith("application/cloudevents")) {
      if (!mediaType.equals("application/cloudevents+json")) {
        throw new InvalidEventException(
            Reason.SCHEMA_VIOLATION,
            "header content-type: '"
                + cut(contentType)
                + "' is not supported; send application/cloudevents+json (structured mode) or"
                + " ce_* headers (binary mode)");
      }
      return structured(value);
    }
    if (header(headers, "ce_specversion") != null) {
      return binary(value, headers, contentType);
    }
    return structured(value);
  }

  private ValidatedEvent structured(byte[] raw) throws InvalidEventException {
    ObjectNode root = parse(raw, "the event");
    if (root.has("data_base64")) {
      if (root.has("data")) {
        throw new InvalidEventException(
            Reason.SCHEMA_VIOLATION,
            "$.data_base64: an event carries data or data_base64, not both");
      }
      root.set("data", decodeBase64Data(root.get("data_base64")));
      root.remove("data_base64");
    } else if (!root.has("data")) {
      throw new InvalidEventException(Reason.SCHEMA_VIOLATION, "$.data: is required");
    }
    return validated(root, false);
  }

  private ValidatedEvent binary(byte[] value, Map<String, String> headers, @Nullable String type)
      throws InvalidEventException {
    ObjectNode root = mapper.createObjectNode();
    headers.forEach(
        (name, v) -> {
          if (name.length() > 3 && name.regionMatches(true, 0, "ce_", 0, 3)) {
            root.put(name.substring(3).toLowerCase(Locale.ROOT), v);
          }
        });
    if (type != null) {
      root.put("datacontenttype", type);
    }
    root.set("data", parse(value, "the record's value (binary mode: the event's data)"));
    return validated(root, true);
  }

  private ValidatedEvent validated(ObjectNode root, boolean binary) throws InvalidEventException {
    normaliseContentType(root, binary);
    check(envelopeSchema, root, "", binary);
    String typeName = root.get("type").asString();
    EventType type =
        EventType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        Reason.UNKNOWN_TYPE,
                        name("/type", binary)
                            + ": '"
                            + cut(typeName)
                            + "' is not one of "
                            + knownTypes()));
    JsonNode data = root.get("data");
    try {
      check(dataSchemas.get(type), data, "/data", binary);
    } catch (InvalidEventException e) {
      throw e.ofType(type);
    }
    try {
      return new ValidatedEvent(
          root.get("id").asString(),
          root.get("source").asString(),
          type,
          Instant.parse(root.get("time").asString()),
          root.get("subject").asString(),
          root.hasNonNull("dataschema") ? root.get("dataschema").asString() : null,
          mapper.treeToValue(data, type.dataType()));
    } catch (RuntimeException e) {
      // The schema admitted something the records cannot hold: name it rather than crash the
      // consumer.
      throw new InvalidEventException(Reason.SCHEMA_VIOLATION, "$.data: " + cut(e.getMessage()))
          .ofType(type);
    }
  }

  /**
   * Media types are compared without regard to case; a charset other than UTF-8 is refused, since
   * JSON between systems is UTF-8 (RFC 8259) and the bytes are read as such.
   */
  private static void normaliseContentType(ObjectNode root, boolean binary)
      throws InvalidEventException {
    if (!(root.get("datacontenttype") instanceof JsonNode node) || !node.isString()) {
      return;
    }
    String value = node.asString().trim().toLowerCase(Locale.ROOT);
    for (String parameter : value.split(";")) {
      String p = parameter.trim();
      if (p.startsWith("charset=")) {
        String charset = p.substring("charset=".length()).replace("\"", "").trim();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw new InvalidEventException(
              Reason.SCHEMA_VIOLATION,
              name("/datacontenttype", binary)
                  + ": charset '"
                  + cut(charset)
                  + "' is not supported; JSON events are UTF-8");
        }
      }
    }
    root.put("datacontenttype", value);
  }

  private JsonNode decodeBase64Data(JsonNode encoded) throws InvalidEventException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.isString() ? encoded.asString().trim() : "");
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(
          Reason.SCHEMA_VIOLATION, "$.data_base64: not base64 (" + cut(e.getMessage()) + ")");
    }
    return parse(bytes, "$.data_base64 (decoded)");
  }

  private ObjectNode parse(byte[] raw, String what) throws InvalidEventException {
    JsonNode root;
    try {
      root = mapper.readTree(raw);
    } catch (JacksonException e) {
      throw new InvalidEventException(
          Reason.MALFORMED_JSON, what + " is not JSON: " + cut(e.getOriginalMessage()));
    } catch (NumberFormatException e) {
      // Jackson refuses a number beyond its limits (4111E111111111111111111115) with this, not
      // with a JacksonException: before this catch it left the validator as a processing error
      throw new InvalidEventException(
          Reason.MALFORMED_JSON,
          what + " holds a number that cannot be read: " + cut(e.getMessage()));
    }
    if (!(root instanceof ObjectNode object)) {
      throw new InvalidEventException(
          Reason.MALFORMED_JSON, what + " must be a JSON object, not " + describe(root));
    }
    return object;
  }

  private static void check(Schema schema, JsonNode node, String pointerPrefix, boolean binary)
      throws InvalidEventException {
    List<Error> errors;
    try {
      errors = schema.validate(node);
    } catch (JsonNodeException e) {
      // the schema validator compares a bound with a number as a long, and fails on one beyond it
      // (1e400 where a minimum applies): a refusal of the event, not a fault of the notifier
      throw new InvalidEventException(
          Reason.SCHEMA_VIOLATION,
          name(pointerPrefix + hugeNumber(node, ""), binary)
              + ": number is too large to check against the schema");
    }
    if (!errors.isEmpty()) {
      String detail =
          errors.stream()
              .map(e -> describe(e, pointerPrefix, binary))
              .distinct()
              .limit(5)
              .collect(Collectors.joining("; "));
      throw new InvalidEventException(Reason.SCHEMA_VIOLATION, cut(detail));
    }
  }

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Where the first number beyond a long's range is, as a JSON Pointer; "" when none is. */
  private static String hugeNumber(JsonNode node, String at) {
    if (node.isNumber() && node.decimalValue().abs().compareTo(LONG_MAX) > 0) {
      return at;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String found = hugeNumber(property.getValue(), at + "/" + property.getKey());
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      String found = hugeNumber(node.get(i), at + "/" + i);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return "";
  }

  /**
   * "$.data.failureCount: string found, integer expected", naming the field even for "required"
   * errors; in binary mode an attribute is named as the header it came in ("header ce_time").
   */
  private static String describe(Error error, String pointerPrefix, boolean binary) {
    String pointer = pointerPrefix + error.getInstanceLocation().toString();
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return name(pointer + "/" + error.getProperty(), binary) + ": is required";
    }
    return name(pointer, binary) + ": " + error.getMessage();
  }

  /**
   * A JSON Pointer as producers read it: "$.data.x" (JSONPath-like) or, for an envelope attribute
   * of a binary-mode event, the record header that carried it.
   */
  private static String name(String pointer, boolean binary) {
    String attribute = pointer.length() > 1 ? pointer.substring(1).split("/", 2)[0] : "";
    if (binary && !attribute.isEmpty() && !attribute.equals("data")) {
      return attribute.equals("datacontenttype")
          ? "header " + CONTENT_TYPE
          : "header ce_" + attribute;
    }
    return "$" + pointer.replace('/', '.');
  }

  private static @Nullable String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static String describe(@Nullable JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase();
  }

  private static String knownTypes() {
    return Arrays.stream(EventType.values())
        .map(EventType::wireName)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String cut(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private static Schema load(SchemaRegistry registry, String resource) {
    try (InputStream in = EventValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + resource);
      }
      return registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
