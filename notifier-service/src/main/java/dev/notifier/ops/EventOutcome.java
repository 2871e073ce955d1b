package dev.notifier.ingest;

import java.util.concurrent.CompletableFuture;

/** What became of a valid event; the metric label of each. */
enum Outcome {
  /** Acted on: a notification went out, or the usage was recorded. */
  ACCEPTED("accepted"),
  /** Inside a dedupe window. */
  SUPPRESSED("suppressed"),
  /** Nobody is to be told: a switch is off, nothing is bound, or a threshold is not reached. */
  FILTERED("filtered");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** This outcome, already decided. */
  CompletableFuture<Outcome> now() {
    return CompletableFuture.completedFuture(this);
  }
}
