package dev.notifier.channel;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The result of one attempt. A sender must choose: delivered, or failed with a disposition, so that
 * no failure is silently treated as success and none is retried without a reason.
 */
public sealed interface SendOutcome {

  /**
   * The platform accepted the message.
   *
   * @param quietFor how long the platform asked us to send nothing more to this target (its rate
   *     limit bucket is empty), when it said
   */
  record Delivered(@Nullable Duration quietFor) implements SendOutcome {}

  /**
   * @param detail what went wrong, already scrubbed of credentials
   * @param retryAfter how long the platform asked us to wait, when it said
   */
  record Failed(
      Disposition disposition, FailureReason reason, String detail, @Nullable Duration retryAfter)
      implements SendOutcome {

    public static Failed retryable(FailureReason reason, String detail) {
      return new Failed(Disposition.RETRYABLE, reason, detail, null);
    }

    public static Failed permanent(FailureReason reason, String detail) {
      return new Failed(Disposition.PERMANENT, reason, detail, null);
    }
  }

  /** What the retry stage may do with a failure. */
  enum Disposition {
    /** Worth trying again later. */
    RETRYABLE,
    /** Will fail the same way however often it is sent: dead-letter at once. */
    PERMANENT
  }

  static SendOutcome delivered() {
    return new Delivered(null);
  }

  /** Accepted, and the platform's bucket for this target is empty for {@code quietFor}. */
  static SendOutcome deliveredThenQuiet(Duration quietFor) {
    return new Delivered(quietFor);
  }
}
