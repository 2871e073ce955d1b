package dev.notifier.delivery;

/** Where a delivery stands, as the delivery log stores it and the metrics count it. */
enum DeliveryStatus {
  /** The platform accepted it. */
  DELIVERED("delivered"),
  /** The last attempt failed; it may be tried again (retry topics, held retries) or be dead. */
  FAILED("failed"),
  /** Not sent, on purpose: see {@link SkipReason}. */
  SKIPPED("skipped"),
  /** Waiting in the held store for its target's quota or lane. */
  HELD("held");

  private final String label;

  DeliveryStatus(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
