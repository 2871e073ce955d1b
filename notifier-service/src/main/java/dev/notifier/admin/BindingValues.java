package dev.notifier.admin;

import dev.notifier.message.NotificationType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A binding's values as they are written: what a create makes of a request, or an update of a
 * request and the stored binding. Type and target are null only while a create lacks them, which
 * the checks refuse before anything is written.
 */
record BindingValues(
    @Nullable NotificationType type,
    @Nullable Long targetId,
    boolean enabled,
    @Nullable String cron,
    @Nullable String zone,
    @Nullable JsonNode filters,
    @Nullable JsonNode mute,
    @Nullable JsonNode mentions,
    @Nullable Long backupTargetId,
    @Nullable JsonNode template,
    @Nullable String locale) {}
