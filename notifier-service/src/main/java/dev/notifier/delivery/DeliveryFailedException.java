package dev.notifier.delivery;

import dev.notifier.channel.FailureReason;

/**
 * A delivery that did not succeed after its in-process retries. Retryable ones move to the next
 * retry topic; permanent ones go straight to the dead-letter topic. Messages are already free of
 * credentials.
 */
public sealed class DeliveryFailedException extends RuntimeException {

  private final String reason;
  private final String channel;
  private final int attempts;

  DeliveryFailedException(String reason, String channel, int attempts, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.channel = channel;
    this.attempts = attempts;
  }

  public String reason() {
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
      super(reason.label(), channel, attempts, detail);
    }
  }

  /** Will fail the same way every time: no more retries. */
  public static final class Permanent extends DeliveryFailedException {
    Permanent(String reason, String channel, int attempts, String detail) {
      super(reason, channel, attempts, detail);
    }
  }
}
