package dev.notifier.ops;

import java.util.concurrent.CompletableFuture;

/** What became of an event; the metric label of each. */
public enum EventOutcome {
  /** Acted on: a notification went out, or the usage was recorded. */
  ACCEPTED("accepted"),
  /** Inside a dedupe window. */
  SUPPRESSED("suppressed"),
  /** Nobody is to be told: a switch is off, nothing is bound, or a threshold is not reached. */
  FILTERED("filtered"),
  /** Refused: malformed, failing its schema, or its data refused by the database. */
  INVALID("invalid");

  private final String label;

  EventOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** This outcome, already decided. */
  public CompletableFuture<EventOutcome> now() {
    return CompletableFuture.completedFuture(this);
  }
}
