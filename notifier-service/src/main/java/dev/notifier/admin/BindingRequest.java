package dev.notifier.admin;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.NotificationType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A binding as a client sends it. JSON cannot tell a record a field left out from one sent as null,
 * and an update needs both: left out keeps the stored value, null clears it. So the names sent are
 * read from the body beside the record ({@link Sent}). Type and target are set on create only.
 * Unknown fields are refused, so a misspelt {@code mutes} is an error, not a rule silently lost.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BindingRequest(
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String notificationType,
    @JsonDeserialize(using = StrictJson.Id.class) @Nullable Long targetId,
    @JsonDeserialize(using = StrictJson.Flag.class) @Nullable Boolean enabled,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String scheduleCron,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String scheduleTimezone,
    @Nullable JsonNode filters,
    @Nullable JsonNode mute,
    @Nullable JsonNode mentions,
    @JsonDeserialize(using = StrictJson.Id.class) @Nullable Long backupTargetId,
    @Nullable JsonNode templateOverride,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String locale,
    // Collected rather than failed on by the parser, so they are reported with the other problems.
    @JsonAnySetter @Nullable Map<String, Object> unknown) {

  private static final Set<String> LOCALES = Set.of("zh-CN", "en");

  /** The request and the names of the fields it sent. */
  record Sent(BindingRequest request, Set<String> names) {

    boolean has(String name) {
      return names.contains(name);
    }
  }

  /** What a create makes of the request, its problems added to {@code problems}. */
  static BindingValues toNew(Sent sent, List<ConfigProblem> problems) {
    BindingRequest r = sent.request();
    problems.addAll(r.unknownFields());
    NotificationType type = null;
    if (r.notificationType == null) {
      problems.add(
          new ConfigProblem(
              "notification_type",
              sent.has("notification_type") ? "expected one of " + typeNames() : "required"));
    } else {
      type = NotificationType.fromWireName(r.notificationType).orElse(null);
      if (type == null) {
        problems.add(new ConfigProblem("notification_type", "expected one of " + typeNames()));
      }
    }
    if (r.targetId == null) {
      problems.add(
          new ConfigProblem(
              "target_id", sent.has("target_id") ? "expected a target's id" : "required"));
    }
    r.checkValues(sent, problems);
    return new BindingValues(
        type,
        r.targetId,
        r.enabled == null || r.enabled,
        trimmed(r.scheduleCron),
        trimmed(r.scheduleTimezone),
        nullIfEmpty(r.filters),
        nullIfEmpty(r.mute),
        nullIfEmpty(r.mentions),
        r.backupTargetId,
        r.templateOverride,
        r.locale);
  }

  /**
   * What an update makes of the request and the stored binding: a field left out keeps its stored
   * value, one sent as null clears it.
   */
  static BindingValues mergeInto(Sent sent, BindingView stored, List<ConfigProblem> problems) {
    BindingRequest r = sent.request();
    BindingValues was = stored.values();
    problems.addAll(r.unknownFields());
    if (sent.has("notification_type")
        && !Objects.equals(r.notificationType, stored.notificationType())) {
      problems.add(cannotChange("notification_type"));
    }
    if (sent.has("target_id") && !Objects.equals(r.targetId, stored.targetId())) {
      problems.add(cannotChange("target_id"));
    }
    r.checkValues(sent, problems);
    return new BindingValues(
        was.type(),
        was.targetId(),
        r.enabled == null ? was.enabled() : r.enabled,
        sent.has("schedule_cron") ? trimmed(r.scheduleCron) : was.cron(),
        sent.has("schedule_timezone") ? trimmed(r.scheduleTimezone) : was.zone(),
        sent.has("filters") ? nullIfEmpty(r.filters) : was.filters(),
        sent.has("mute") ? nullIfEmpty(r.mute) : was.mute(),
        sent.has("mentions") ? nullIfEmpty(r.mentions) : was.mentions(),
        sent.has("backup_target_id") ? r.backupTargetId : was.backupTargetId(),
        sent.has("template_override") ? r.templateOverride : was.template(),
        sent.has("locale") ? r.locale : was.locale());
  }

  /** What each value must be on its own; what only the whole binding can tell is checked later. */
  private void checkValues(Sent sent, List<ConfigProblem> problems) {
    if (enabled == null && sent.has("enabled")) {
      problems.add(new ConfigProblem("enabled", "expected true or false"));
    }
    if (scheduleCron != null && scheduleCron.isBlank()) {
      problems.add(new ConfigProblem("schedule_cron", "expected a cron expression, or null"));
    }
    if (scheduleTimezone != null && scheduleTimezone.isBlank()) {
      problems.add(new ConfigProblem("schedule_timezone", "expected an IANA time zone, or null"));
    }
    if (locale != null && !LOCALES.contains(locale)) {
      problems.add(new ConfigProblem("locale", "expected zh-CN, en, or null for the settings'"));
    }
  }

  private List<ConfigProblem> unknownFields() {
    return unknown == null
        ? List.of()
        : unknown.keySet().stream()
            .map(k -> new ConfigProblem(TargetRequest.named(k), "unknown field"))
            .toList();
  }

  private static ConfigProblem cannotChange(String field) {
    return new ConfigProblem(field, "cannot change; delete the binding and create another");
  }

  private static @Nullable String trimmed(@Nullable String s) {
    return s == null ? null : s.trim();
  }

  /** An absent rule is stored as SQL null: {} and null mean the same. */
  private static @Nullable JsonNode nullIfEmpty(@Nullable JsonNode value) {
    return value == null || value.isNull() || (value.isObject() && value.isEmpty()) ? null : value;
  }

  private static String typeNames() {
    return String.join(
        ", ", Arrays.stream(NotificationType.values()).map(NotificationType::wireName).toList());
  }
}
