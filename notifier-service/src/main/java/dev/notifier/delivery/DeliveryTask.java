package dev.notifier.delivery;

import dev.notifier.message.Message;
import java.time.Instant;

/**
 * One notification for one target: the unit of retry, dead-lettering and replay. It carries the
 * message but no credentials; the target's URL and secrets are looked up when it is delivered.
 */
public record DeliveryTask(
    String notificationId,
    String notificationType,
    long targetId,
    Instant createdAt,
    Message message) {}
