package dev.notifier.binding;

import dev.notifier.message.NotificationType;

/** A notification type bound to a target. */
public record Binding(long id, NotificationType type, long targetId, boolean enabled) {}
