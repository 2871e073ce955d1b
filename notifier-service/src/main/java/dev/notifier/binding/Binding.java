package dev.notifier.binding;

import dev.notifier.message.NotificationType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A notification type bound to a target; for a scheduled type, optionally its own cron and time
 * zone.
 */
public record Binding(
    long id,
    NotificationType type,
    long targetId,
    boolean enabled,
    @Nullable String scheduleCron,
    @Nullable String scheduleTimezone,
    Instant createdAt) {}
