package dev.notifier.delivery;

/** Headers the notifier writes on deliveries and dead letters. None ever holds a credential. */
final class DeliveryHeaders {

  public static final String REASON = "notifier-reason";
  public static final String DETAIL = "notifier-last-error";
  public static final String ATTEMPTS = "notifier-attempts";
  public static final String CHANNEL = "notifier-channel";
  public static final String TARGET_ID = "notifier-target-id";
  public static final String NOTIFICATION_ID = "notifier-notification-id";
  public static final String NOTIFICATION_TYPE = "notifier-notification-type";
  public static final String FAILED_AT = "notifier-failed-at";
  public static final String REPLAYED_FROM = "notifier-replayed-from";

  private DeliveryHeaders() {}
}
