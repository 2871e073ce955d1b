package dev.notifier.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type the notifier accepts. A type's name ends in its major version; a breaking change
 * to a payload is a new constant with a new schema file, and the old one stays until no producer
 * sends it.
 */
public enum EventType {
  BREAKER_OPENED_V1(
      "llmproxy.circuit_breaker.opened.v1", "circuit-breaker-opened.json", BreakerOpened.class),
  BREAKER_CLOSED_V1(
      "llmproxy.circuit_breaker.closed.v1", "circuit-breaker-closed.json", BreakerClosed.class),
  COST_SNAPSHOT_V1("llmproxy.cost.snapshot.v1", "cost-snapshot.json", CostSnapshot.class),
  USAGE_RECORDED_V1("llmproxy.usage.recorded.v1", "usage-recorded.json", UsageRecorded.class);

  /** Where schema files live on the classpath, and the base of their {@code $id}s. */
  public static final String SCHEMA_RESOURCE_DIR = "schemas/v1/";

  public static final String SCHEMA_ID_BASE = "https://schemas.notifier.dev/v1/";

  private final String wireName;
  private final String schemaFile;
  private final Class<? extends EventData> dataType;

  EventType(String wireName, String schemaFile, Class<? extends EventData> dataType) {
    this.wireName = wireName;
    this.schemaFile = schemaFile;
    this.dataType = dataType;
  }

  /** The CloudEvents {@code type} attribute. */
  public String wireName() {
    return wireName;
  }

  public String schemaResource() {
    return SCHEMA_RESOURCE_DIR + schemaFile;
  }

  /** What a producer should put in {@code dataschema}. */
  public String schemaId() {
    return SCHEMA_ID_BASE + schemaFile;
  }

  public Class<? extends EventData> dataType() {
    return dataType;
  }

  public static Optional<EventType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }
}
