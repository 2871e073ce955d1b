package dev.notifier.channel;

/** Why an attempt failed: a closed set, used as a metric label and a dead-letter header. */
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
  BAD_CONFIG("bad_config");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
