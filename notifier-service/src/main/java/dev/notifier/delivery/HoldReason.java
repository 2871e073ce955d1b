package dev.notifier.delivery;

/** Why a delivery waits in the held store instead of going out now. */
enum HoldReason {
  /** Its target's quota is used up, or deliveries held before it must go first. */
  RATE_LIMITED("rate_limited"),
  /** Its target's lane is busy with a delivery that outlived its time budget. */
  LANE_BUSY("lane_busy"),
  /** It fell in a mute window of its binding: held until the window ends, then sent as a digest. */
  MUTED("muted");

  private final String label;

  HoldReason(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
