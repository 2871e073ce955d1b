package dev.notifier.binding;

import dev.notifier.message.NotificationType;
import dev.notifier.routing.Filters;
import dev.notifier.routing.Mute;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A notification type bound to a target; for a scheduled type, optionally its own cron and time
 * zone; and its routing rules: filters, mute windows, mentions (in the target platform's own
 * settings names, added to the target's), a backup target, and a template for a custom webhook (a
 * JSON document, as stored).
 */
public record Binding(
    long id,
    NotificationType type,
    long targetId,
    boolean enabled,
    @Nullable String scheduleCron,
    @Nullable String scheduleTimezone,
    Instant createdAt,
    Filters filters,
    @Nullable Mute mute,
    Map<String, Object> mentions,
    @Nullable Long backupTargetId,
    @Nullable Object templateOverride,
    @Nullable String locale) {

  /** A binding with no routing rules. */
  public Binding(
      long id,
      NotificationType type,
      long targetId,
      boolean enabled,
      @Nullable String scheduleCron,
      @Nullable String scheduleTimezone,
      Instant createdAt) {
    this(
        id,
        type,
        targetId,
        enabled,
        scheduleCron,
        scheduleTimezone,
        createdAt,
        Filters.NONE,
        null,
        Map.of(),
        null,
        null,
        null);
  }
}
