package dev.notifier.events;

import org.jspecify.annotations.Nullable;

/**
 * An event that can never be processed, however often it is retried. The reason is a closed set,
 * fit for a metric label and a dead-letter header; the detail names the failing field.
 */
public final class InvalidEventException extends Exception {

  /** Why an event was refused. */
  public enum Reason {
    MALFORMED_JSON("malformed_json"),
    UNKNOWN_TYPE("unknown_type"),
    SCHEMA_VIOLATION("schema_violation"),
    TOO_LARGE("too_large");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** Lower-case form used in metrics and headers. */
    public String label() {
      return label;
    }
  }

  private final Reason reason;
  private final @Nullable EventType type;

  public InvalidEventException(Reason reason, String detail) {
    this(reason, detail, null);
  }

  private InvalidEventException(Reason reason, String detail, @Nullable EventType type) {
    super(detail, null, false, false);
    this.reason = reason;
    this.type = type;
  }

  public Reason reason() {
    return reason;
  }

  /** The event's type, when it was known before the event was refused (its data was wrong). */
  public @Nullable EventType type() {
    return type;
  }

  InvalidEventException ofType(EventType known) {
    return new InvalidEventException(reason, getMessage(), known);
  }
}
