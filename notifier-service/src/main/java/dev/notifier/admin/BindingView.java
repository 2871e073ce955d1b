package dev.notifier.admin;

import dev.notifier.message.NotificationType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A binding as the API shows it: its values, its target's name and when it was made. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BindingView(
    long id,
    String notificationType,
    long targetId,
    String targetName,
    boolean enabled,
    @Nullable String scheduleCron,
    @Nullable String scheduleTimezone,
    @Nullable JsonNode filters,
    @Nullable JsonNode mute,
    @Nullable JsonNode mentions,
    @Nullable Long backupTargetId,
    @Nullable JsonNode templateOverride,
    @Nullable String locale,
    String createdAt) {

  /** The values an update starts from; a stored type this build does not know reads as none. */
  BindingValues values() {
    return new BindingValues(
        NotificationType.fromWireName(notificationType).orElse(null),
        targetId,
        enabled,
        scheduleCron,
        scheduleTimezone,
        filters,
        mute,
        mentions,
        backupTargetId,
        templateOverride,
        locale);
  }

  /** How the audit names it: "cost_alert → ops". */
  String subject() {
    return notificationType + " → " + targetName;
  }
}
