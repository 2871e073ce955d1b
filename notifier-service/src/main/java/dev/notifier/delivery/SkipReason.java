package dev.notifier.delivery;

/** Why a delivery was not sent, and rightly so. */
enum SkipReason {
  /** The log already marks this (notification, target) delivered: a redelivery or a replay. */
  ALREADY_DELIVERED("already_delivered"),
  TARGET_MISSING("target_missing"),
  TARGET_DISABLED("target_disabled"),
  /**
   * Notifications were switched off (all of them, this type, or this binding) after this one was
   * made: checked again right before sending.
   */
  SWITCHED_OFF("switched_off"),
  /** It fell in a mute window of its binding, which drops rather than holds. */
  MUTED("muted");

  private final String label;

  SkipReason(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
