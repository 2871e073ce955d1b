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
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns raw bytes from the topic into a {@link ValidatedEvent}, or says precisely why it cannot:
 * the size limit first (cheapest), then JSON syntax, the CloudEvents envelope, the type, and last
 * the type's payload schema. Thread-safe.
 */
public final class EventValidator {

  /** Detail texts are cut here: they travel in Kafka headers and log lines. */
  private static final int MAX_DETAIL_CHARS = 500;

  private final int maxEventBytes;
  private final JsonMapper mapper;
  private final Schema envelopeSchema;
  private final Map<EventType, Schema> dataSchemas = new EnumMap<>(EventType.class);

  public EventValidator(int maxEventBytes) {
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
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    this.envelopeSchema = load(registry, EventType.SCHEMA_RESOURCE_DIR + "cloudevent.json");
    for (EventType type : EventType.values()) {
      dataSchemas.put(type, load(registry, type.schemaResource()));
    }
  }

  public int maxEventBytes() {
    return maxEventBytes;
  }

  public ValidatedEvent validate(byte[] raw) throws InvalidEventException {
    if (raw.length > maxEventBytes) {
      throw new InvalidEventException(
          Reason.TOO_LARGE, "event is " + raw.length + " bytes; the limit is " + maxEventBytes);
    }
    JsonNode root = parse(raw);
    check(envelopeSchema, root, "");
    String typeName = root.get("type").asString();
    EventType type =
        EventType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        Reason.UNKNOWN_TYPE,
                        "$.type: '" + cut(typeName) + "' is not one of " + knownTypes()));
    JsonNode data = root.get("data");
    check(dataSchemas.get(type), data, "$.data");
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
      throw new InvalidEventException(Reason.SCHEMA_VIOLATION, "$.data: " + cut(e.getMessage()));
    }
  }

  private JsonNode parse(byte[] raw) throws InvalidEventException {
    JsonNode root;
    try {
      root = mapper.readTree(raw);
    } catch (JacksonException e) {
      throw new InvalidEventException(Reason.MALFORMED_JSON, cut(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(
          Reason.MALFORMED_JSON, "the event must be a JSON object, not " + describe(root));
    }
    return root;
  }

  private static void check(Schema schema, JsonNode node, String pathPrefix)
      throws InvalidEventException {
    List<Error> errors = schema.validate(node);
    if (!errors.isEmpty()) {
      String detail =
          errors.stream()
              .map(e -> describe(e, pathPrefix))
              .distinct()
              .limit(5)
              .collect(Collectors.joining("; "));
      throw new InvalidEventException(Reason.SCHEMA_VIOLATION, cut(detail));
    }
  }

  /**
   * "$.data.failureCount: string found, integer expected", naming the field even for "required"
   * errors.
   */
  private static String describe(Error error, String pathPrefix) {
    // The library reports JSON Pointers ("/data/x"); producers read JSONPath-like "$.data.x" more
    // easily.
    String pointer = error.getInstanceLocation().toString();
    String location = (pathPrefix.isEmpty() ? "$" : pathPrefix) + pointer.replace('/', '.');
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return location + "." + error.getProperty() + ": is required";
    }
    return location + ": " + error.getMessage();
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
