package dev.notifier.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.NotificationType;
import dev.notifier.routing.Filters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole configuration checked as it is stored, the way a save would check each part: the
 * settings' legacy URLs, every target (URL, secret, settings, templates, the SSRF guard), every
 * binding (schedule, routing rules, templates); and, for each notification type, where it would go
 * now and why nowhere when nowhere. Rows written with SQL are checked too, which the API never saw.
 */
@Service
class ConfigCheck {

  /** Something wrong, where it is ("target 3 (ops)", "binding 7 (cost_alert → ops)"). */
  record Problem(String where, String field, String message) {}

  /** One type's route: whether it is on, and to whom it would go. */
  record Route(
      @JsonProperty("notification_type") NotificationType notificationType,
      @JsonProperty("switched_on") boolean switchedOn,
      @Nullable String schedule,
      List<Map<String, Object>> targets,
      @Nullable String note) {}

  record Report(boolean ok, List<Problem> problems, List<Route> routes) {}

  private final TargetRows targets;
  private final TargetRules rules;
  private final BindingRoutesCheck routes;
  private final Bindings bindings;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SettingsAdmin settingsAdmin;
  private final Clock clock;

  ConfigCheck(
      TargetRows targets,
      TargetRules rules,
      BindingRoutesCheck routes,
      Bindings bindings,
      JdbcClient jdbc,
      JsonMapper json,
      SettingsAdmin settings,
      Clock clock) {
    this.clock = clock;
    this.settingsAdmin = settings;
    this.targets = targets;
    this.rules = rules;
    this.routes = routes;
    this.bindings = bindings;
    this.jdbc = jdbc;
    this.json = json;
  }

  Report run() {
    List<Problem> problems = new ArrayList<>();
    settingsAdmin
        .checkStored()
        .forEach(p -> problems.add(new Problem("settings", p.field(), p.message())));
    for (StoredTarget stored : targets.all()) {
      Target t = stored.target();
      String where = "target " + t.id() + " (" + t.name() + ")";
      rules.check(t).forEach(p -> problems.add(new Problem(where, p.field(), p.message())));
    }
    for (StoredBinding b : storedBindings()) {
      String where = "binding " + b.id() + " (" + b.type() + " → " + b.targetName() + ")";
      List<ConfigProblem> found = new ArrayList<>();
      NotificationType.fromWireName(b.type())
          .ifPresentOrElse(
              known -> check(known, b, found),
              () -> found.add(new ConfigProblem("notification_type", "not a notification type")));
      found.forEach(p -> problems.add(new Problem(where, p.field(), p.message())));
    }
    return new Report(problems.isEmpty(), problems, routes());
  }

  private List<Route> routes() {
    Settings settings = bindings.settings();
    List<Route> out = new ArrayList<>();
    for (NotificationType type : NotificationType.values()) {
      boolean on = settings.allows(type);
      List<Map<String, Object>> to = new ArrayList<>();
      for (Target t : bindings.recipients(type)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.id());
        row.put("name", t.name());
        row.put("channel", t.channel());
        bindings
            .binding(type, t.id())
            .ifPresent(
                b -> {
                  row.put("filtered", !b.filters().equals(Filters.NONE));
                  row.put("muted_by_rule", b.mute() != null);
                  row.put("mentions", !b.mentions().isEmpty());
                  row.put("backup_target_id", b.backupTargetId());
                  row.put("template", b.templateOverride() != null);
                  row.put("locale", b.locale());
                  if (b.scheduleCron() != null) {
                    row.put("schedule_cron", b.scheduleCron());
                    row.put("schedule_timezone", b.scheduleTimezone());
                  }
                });
        to.add(row);
      }
      String note = null;
      if (!settings.enabled()) {
        note = "notifications are switched off (enabled)";
      } else if (!on) {
        note = "switched off (" + type.wireName() + "_enabled)";
      } else if (to.isEmpty()) {
        note =
            settings.legacyMode()
                ? "legacy mode: no URL for this type"
                : "no enabled binding to an enabled target";
      }
      out.add(new Route(type, on, schedule(type, settings), to, note));
    }
    return out;
  }

  /** When a type goes out that is not sent as its events come; null for those that are. */
  private static @Nullable String schedule(NotificationType type, Settings settings) {
    return switch (type) {
      case DAILY_LEADERBOARD ->
          "daily at " + settings.leaderboardTime() + " " + settings.timeZone();
      case USAGE_REPORT -> "by each binding's cron, else the service's usage-report cron";
      case CACHE_HIT_ALERT ->
          "checked every " + settings.cacheHit().checkInterval().toMinutes() + " minutes";
      case CIRCUIT_BREAKER, COST_ALERT -> null;
    };
  }

  private void check(NotificationType type, StoredBinding b, List<ConfigProblem> found) {
    if (b.cron() != null) {
      String why =
          BindingAdmin.cronProblem(b.cron(), b.zone() == null ? "UTC" : b.zone(), clock.instant());
      if (why != null) {
        found.add(new ConfigProblem("schedule_cron", why));
      }
    }
    routes.check(
        type,
        b.targetId(),
        tree(b.filters()),
        tree(b.mute()),
        tree(b.mentions()),
        b.backupTargetId(),
        tree(b.template()),
        found);
  }

  /** A binding row as stored, its rules as JSON text. */
  private record StoredBinding(
      long id,
      String type,
      long targetId,
      String targetName,
      @Nullable String cron,
      @Nullable String zone,
      @Nullable String filters,
      @Nullable String mute,
      @Nullable String mentions,
      @Nullable Long backupTargetId,
      @Nullable String template) {}

  private List<StoredBinding> storedBindings() {
    return jdbc.sql(
            """
            SELECT b.id, b.notification_type, b.target_id, t.name, b.schedule_cron, b.schedule_timezone,
                   b.filters, b.mute, b.mentions, b.backup_target_id, b.template_override
              FROM notification_bindings b JOIN webhook_targets t ON t.id = b.target_id ORDER BY b.id""")
        .query(
            (rs, n) ->
                new StoredBinding(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getObject(10, Long.class),
                    rs.getString(11)))
        .list();
  }

  private @Nullable JsonNode tree(@Nullable String text) {
    return text == null ? null : json.readTree(text);
  }
}
