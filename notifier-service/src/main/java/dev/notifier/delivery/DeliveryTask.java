package dev.notifier.delivery;

import dev.notifier.message.Message;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification for one target: the unit of retry, dead-lettering and replay. It carries the
 * message but no credentials; the target's URL and secrets are looked up when it is delivered.
 * {@code backupOf} names the primary target when this is a backup target's copy of a delivery the
 * primary's dead-lettered: it is sent under the primary's binding, and never backed up again.
 */
public record DeliveryTask(
    String notificationId,
    String notificationType,
    long targetId,
    Instant createdAt,
    Message message,
    @Nullable Long backupOf) {

  public DeliveryTask(
      String notificationId,
      String notificationType,
      long targetId,
      Instant createdAt,
      Message message) {
    this(notificationId, notificationType, targetId, createdAt, message, null);
  }

  /** The target whose binding rules this delivery: the primary's, for a backup copy. */
  long boundTargetId() {
    return backupOf == null ? targetId : backupOf;
  }
}
