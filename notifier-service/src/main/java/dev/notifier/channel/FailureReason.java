package dev.notifier.channel;

/**
 * Why a delivery failed: a closed set, used as a metric label and a dead-letter header. Most are a
 * platform's answer to one attempt; the last three are the delivery stage's own verdicts, before or
 * instead of an answer.
 */
public enum FailureReason {
  RATE_LIMITED("rate_limited"),
  SERVER_ERROR("server_error"),
  TIMEOUT("timeout"),
  CONNECTION_ERROR("connection_error"),
  PLATFORM_ERROR("platform_error"),
  INVALID_RESPONSE("invalid_response"),
  AUTH_ERROR("auth_error"),
  CLIENT_ERROR("client_error"),
  TOO_LARGE("too_large"),
  BAD_CONFIG("bad_config"),
  /** The task on the topic could not be read. */
  MALFORMED_TASK("malformed_task"),
  /** The target names a channel this notifier has no sender for. */
  UNKNOWN_CHANNEL("unknown_channel"),
  /** The sender threw instead of answering: a bug, never retried blindly. */
  INTERNAL_ERROR("internal_error");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
