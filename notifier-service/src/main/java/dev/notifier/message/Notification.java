package dev.notifier.message;

import java.time.Instant;

/**
 * Something that must be told to every target bound to its type. The id is derived from the
 * triggering event, so a redelivered event yields the same id and the delivery log recognises
 * targets it already reached.
 */
public record Notification(String id, NotificationType type, Instant occurredAt, Message message) {}
