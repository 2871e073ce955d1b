package dev.notifier.delivery;

import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification for one target: the unit of retry, dead-lettering and replay. It carries the
 * message but no credentials; the target's URL and secrets are looked up when it is delivered.
 * {@code backupOf} names the primary target when this is a backup target's copy of a delivery the
 * primary's dead-lettered: it goes while the primary's binding would still send, and is never
 * backed up again.
 */
record DeliveryTask(
    String notificationId,
    NotificationType notificationType,
    long targetId,
    Instant createdAt,
    Message message,
    @Nullable Long backupOf) {

  public DeliveryTask(
      String notificationId,
      NotificationType notificationType,
      long targetId,
      Instant createdAt,
      Message message) {
    this(notificationId, notificationType, targetId, createdAt, message, null);
  }

  /** The target whose binding decides whether this is still sent: the primary's, for a backup. */
  long boundTargetId() {
    return backupOf == null ? targetId : backupOf;
  }
}
