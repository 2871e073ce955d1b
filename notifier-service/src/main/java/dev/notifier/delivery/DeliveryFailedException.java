package dev.notifier.delivery;

import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;

/**
 * A delivery that did not succeed after its in-process retries. Retryable ones move to the next
 * retry topic; permanent and exhausted ones go straight to the dead-letter topic. Messages are
 * already free of credentials.
 */
sealed class DeliveryFailedException extends RuntimeException {

  private final FailureReason reason;
  private final String channel;
  private final int attempts;

  DeliveryFailedException(FailureReason reason, String channel, int attempts, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.channel = channel;
    this.attempts = attempts;
  }

  /** The failure of a send, after {@code attempts} attempts in all for this delivery. */
  static DeliveryFailedException of(SendOutcome.Failed failed, String channel, int attempts) {
    return failed.disposition() == SendOutcome.Disposition.PERMANENT
        ? new Permanent(failed.reason(), channel, attempts, failed.detail())
        : new Retryable(failed.reason(), channel, attempts, failed.detail());
  }

  public FailureReason reason() {
    return reason;
  }

  public String channel() {
    return channel;
  }

  public int attempts() {
    return attempts;
  }

  /** Worth another try after a delay. */
  public static final class Retryable extends DeliveryFailedException {
    Retryable(FailureReason reason, String channel, int attempts, String detail) {
      super(reason, channel, attempts, detail);
    }
  }

  /**
   * Worth another try, but out of rounds: the pipeline's verdict, so it goes to the dead-letter
   * topic as a permanent one does (the retry topics never decide it themselves).
   */
  public static final class Exhausted extends DeliveryFailedException {
    Exhausted(FailureReason reason, String channel, int attempts, String detail) {
      super(reason, channel, attempts, detail);
    }
  }

  /** Will fail the same way every time: no more retries. */
  public static final class Permanent extends DeliveryFailedException {
    Permanent(FailureReason reason, String channel, int attempts, String detail) {
      super(reason, channel, attempts, detail);
    }
  }
}
