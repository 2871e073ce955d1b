package dev.notifier.admin;

import dev.notifier.channel.SendOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What a test-send came to, as the API answers it.
 *
 * @param reason the failure reason label (timeout, auth_error, ...), when it failed
 * @param detail the platform's answer, already scrubbed of credentials by the sender
 */
record TestResult(
    boolean ok, int millis, @Nullable String reason, @Nullable String detail, boolean retryable) {

  static TestResult of(SendOutcome outcome, int millis) {
    return switch (outcome) {
      case SendOutcome.Delivered d -> new TestResult(true, millis, null, null, false);
      case SendOutcome.Failed f ->
          new TestResult(
              false,
              millis,
              f.reason().label(),
              f.detail(),
              f.disposition() == SendOutcome.Disposition.RETRYABLE);
    };
  }
}
