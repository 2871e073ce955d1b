package dev.notifier.admin;

import dev.notifier.channel.SendOutcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a test-send came to, as the API answers it.
 *
 * @param reason the failure reason label (timeout, auth_error, ...), when it failed
 * @param detail the platform's answer, already scrubbed of credentials by the sender
 */
record TestResult(
    boolean ok,
    int millis,
    @Nullable String reason,
    @Nullable String detail,
    boolean retryable,
    @Nullable String at,
    @Nullable String type) {

  static TestResult of(SendOutcome outcome, int millis) {
    return of(outcome, millis, null, null);
  }

  /** {@code at}: when it was sent; {@code type}: the notification type whose sample went. */
  static TestResult of(
      SendOutcome outcome, int millis, @Nullable Instant at, @Nullable String type) {
    String when = at == null ? null : at.toString();
    return switch (outcome) {
      case SendOutcome.Delivered d -> new TestResult(true, millis, null, null, false, when, type);
      case SendOutcome.Failed f ->
          new TestResult(
              false,
              millis,
              f.reason().label(),
              f.detail(),
              f.disposition() == SendOutcome.Disposition.RETRYABLE,
              when,
              type);
    };
  }
}
