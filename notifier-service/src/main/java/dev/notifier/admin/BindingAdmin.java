package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import dev.notifier.binding.Bindings;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.NotificationType;
import dev.notifier.schedule.CronSchedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bindings of a notification type to a target: one per (type, target). A scheduled type's binding
 * may carry its own cron and IANA zone, checked on save: a cron that cannot be read, never fires or
 * fires more than once a minute is refused, as is a zone that is not one. Any binding may carry
 * routing rules (filters, mute windows, mentions, a backup target, a custom webhook's template) and
 * its own language, each checked as the pipeline will read it ({@link BindingRoutesCheck}).
 */
@Service
class BindingAdmin {

  private static final Set<String> FIELDS =
      Set.of(
          "notification_type",
          "target_id",
          "enabled",
          "schedule_cron",
          "schedule_timezone",
          "filters",
          "mute",
          "mentions",
          "backup_target_id",
          "template_override",
          "locale");
  private static final Set<String> LOCALES = Set.of("zh-CN", "en");
  private static final String COLUMNS =
      "b.id, b.notification_type, b.target_id, t.name AS target_name, b.enabled, b.schedule_cron,"
          + " b.schedule_timezone, b.created_at, b.filters, b.mute, b.mentions,"
          + " b.backup_target_id, b.template_override, b.locale";

  private final JdbcClient jdbc;
  private final AdminAudit audit;
  private final Bindings bindings;
  private final TransactionTemplate transaction;
  private final BindingRoutesCheck routes;
  private final JsonMapper json;
  private final Clock clock;

  BindingAdmin(
      JdbcClient jdbc,
      AdminAudit audit,
      Bindings bindings,
      TransactionTemplate transaction,
      BindingRoutesCheck routes,
      JsonMapper json,
      Clock clock) {
    this.clock = clock;
    this.routes = routes;
    this.json = json;
    this.jdbc = jdbc;
    this.audit = audit;
    this.bindings = bindings;
    this.transaction = transaction;
  }

  List<Map<String, Object>> list(@Nullable String type, @Nullable Long targetId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM notification_bindings b JOIN webhook_targets t ON t.id = b.target_id"
                + " WHERE (CAST(:type AS text) IS NULL OR b.notification_type = :type)"
                + " AND (CAST(:target AS bigint) IS NULL OR b.target_id = :target) ORDER BY b.id")
        .param("type", type)
        .param("target", targetId)
        .query((rs, n) -> view(rs, json))
        .list();
  }

  Map<String, Object> get(long id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM notification_bindings b JOIN webhook_targets t ON t.id = b.target_id"
                + " WHERE b.id = :id")
        .param("id", id)
        .query((rs, n) -> view(rs, json))
        .optional()
        .orElseThrow(() -> new AdminRefusal.NotFound("binding", id));
  }

  Map<String, Object> create(JsonNode body, String actor) {
    Draft draft = Draft.empty();
    List<ConfigProblem> problems = read(body, draft, true);
    if (draft.type == null
        && problems.stream().noneMatch(p -> p.field().equals("notification_type"))) {
      problems.add(new ConfigProblem("notification_type", "required"));
    }
    if (draft.targetId == null && problems.stream().noneMatch(p -> p.field().equals("target_id"))) {
      problems.add(new ConfigProblem("target_id", "required"));
    }
    check(draft, problems);
    long id =
        save(
            () ->
                jdbc.sql(
                        "INSERT INTO notification_bindings (notification_type, target_id, enabled,"
                            + " schedule_cron, schedule_timezone, filters, mute, mentions,"
                            + " backup_target_id, template_override, locale, created_at) VALUES"
                            + " (:type, :target, :enabled, :cron, :zone, CAST(:filters AS jsonb),"
                            + " CAST(:mute AS jsonb), CAST(:mentions AS jsonb), :backup,"
                            + " CAST(:template AS jsonb), :locale, :now) RETURNING id")
                    .param("type", Objects.requireNonNull(draft.type).wireName())
                    .param("target", draft.targetId)
                    .param("enabled", draft.enabled)
                    .param("cron", draft.cron)
                    .param("zone", draft.zone)
                    .param("filters", text(draft.filters))
                    .param("mute", text(draft.mute))
                    .param("mentions", text(draft.mentions))
                    .param("backup", draft.backupTargetId)
                    .param("template", text(draft.template))
                    .param("locale", draft.locale)
                    .param("now", SqlTime.now(clock))
                    .query(Long.class)
                    .single(),
            actor,
            "binding.create",
            draft,
            List.copyOf(draft.sent));
    return get(id);
  }

  Map<String, Object> update(long id, JsonNode body, String actor) {
    Map<String, Object> stored = get(id);
    Draft draft = Draft.of(stored);
    List<ConfigProblem> problems = read(body, draft, false);
    check(draft, problems);
    save(
        () -> {
          jdbc.sql(
                  "UPDATE notification_bindings SET enabled = :enabled, schedule_cron = :cron,"
                      + " schedule_timezone = :zone, filters = CAST(:filters AS jsonb),"
                      + " mute = CAST(:mute AS jsonb), mentions = CAST(:mentions AS jsonb),"
                      + " backup_target_id = :backup, template_override = CAST(:template AS jsonb),"
                      + " locale = :locale WHERE id = :id")
              .param("enabled", draft.enabled)
              .param("cron", draft.cron)
              .param("zone", draft.zone)
              .param("filters", text(draft.filters))
              .param("mute", text(draft.mute))
              .param("mentions", text(draft.mentions))
              .param("backup", draft.backupTargetId)
              .param("template", text(draft.template))
              .param("locale", draft.locale)
              .param("id", id)
              .update();
          return id;
        },
        actor,
        "binding.update",
        draft,
        List.copyOf(draft.sent));
    return get(id);
  }

  void delete(long id, String actor) {
    Draft draft = Draft.of(get(id));
    save(
        () -> {
          if (jdbc.sql("DELETE FROM notification_bindings WHERE id = :id").param("id", id).update()
              == 0) {
            throw new AdminRefusal.NotFound("binding", id);
          }
          return id;
        },
        actor,
        "binding.delete",
        draft,
        List.of());
  }

  private long save(
      java.util.function.Supplier<Long> write,
      String actor,
      String action,
      Draft draft,
      List<String> changed) {
    long id;
    try {
      id =
          transaction.execute(
              status -> {
                long written = write.get();
                audit.record(actor, action, written, draft.subject(), changed);
                return written;
              });
    } catch (DuplicateKeyException e) {
      throw new AdminRefusal.Conflict(
          "binding exists",
          List.of(
              new ConfigProblem(
                  "target_id",
                  "this target is already bound to "
                      + Objects.requireNonNull(draft.type).wireName())));
    }
    bindings.invalidate();
    return id;
  }

  /** Reads the fields sent into {@code draft}; type and target are set on create only. */
  private List<ConfigProblem> read(JsonNode body, Draft draft, boolean creating) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new AdminRefusal.Invalid(
          "invalid binding", List.of(new ConfigProblem("body", "expected a JSON object")));
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (!FIELDS.contains(name)) {
        problems.add(
            new ConfigProblem(
                name.length() <= 64 ? name : name.substring(0, 64) + "…", "unknown field"));
        continue;
      }
      draft.sent.add(name);
      switch (name) {
        case "notification_type" -> {
          var type =
              value.isString()
                  ? NotificationType.fromWireName(value.asString())
                  : java.util.Optional.<NotificationType>empty();
          if (!creating) {
            if (type.isEmpty() || type.get() != draft.type) {
              problems.add(
                  new ConfigProblem(name, "cannot change; delete the binding and create another"));
            }
          } else if (type.isEmpty()) {
            problems.add(new ConfigProblem(name, "expected one of " + typeNames()));
          } else {
            draft.type = type.get();
          }
        }
        case "target_id" -> {
          if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(new ConfigProblem(name, "expected a target's id"));
          } else if (!creating) {
            if (!Objects.equals(value.asLong(), draft.targetId)) {
              problems.add(
                  new ConfigProblem(name, "cannot change; delete the binding and create another"));
            }
          } else {
            draft.targetId = value.asLong();
          }
        }
        case "enabled" -> {
          if (value.isBoolean()) {
            draft.enabled = value.asBoolean();
          } else {
            problems.add(new ConfigProblem(name, "expected true or false"));
          }
        }
        case "schedule_cron" -> {
          if (value.isNull() || (value.isString() && !value.asString().isBlank())) {
            draft.cron = value.isNull() ? null : value.asString().trim();
          } else {
            problems.add(new ConfigProblem(name, "expected a cron expression, or null"));
          }
        }
        case "schedule_timezone" -> {
          if (value.isNull() || (value.isString() && !value.asString().isBlank())) {
            draft.zone = value.isNull() ? null : value.asString().trim();
          } else {
            problems.add(new ConfigProblem(name, "expected an IANA time zone, or null"));
          }
        }
        case "backup_target_id" -> {
          if (value.isNull()) {
            draft.backupTargetId = null;
          } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            draft.backupTargetId = value.asLong();
          } else {
            problems.add(new ConfigProblem(name, "expected a target's id, or null"));
          }
        }
        case "filters" -> draft.filters = nullIfEmpty(value);
        case "mute" -> draft.mute = nullIfEmpty(value);
        case "template_override" -> draft.template = value.isNull() ? null : value;
        case "locale" -> {
          if (value.isNull()) {
            draft.locale = null;
          } else if (value.isString() && LOCALES.contains(value.asString())) {
            draft.locale = value.asString();
          } else {
            problems.add(new ConfigProblem(name, "expected zh-CN, en, or null for the settings'"));
          }
        }
        case "mentions" -> draft.mentions = nullIfEmpty(value);
        default -> throw new IllegalStateException("a field in FIELDS unread: " + name);
      }
    }
    return problems;
  }

  /** What only the whole binding can tell: the target exists, the schedule suits the type. */
  private void check(Draft draft, List<ConfigProblem> problems) {
    if (draft.targetId != null && problems.stream().noneMatch(p -> p.field().equals("target_id"))) {
      draft.targetName =
          jdbc.sql("SELECT name FROM webhook_targets WHERE id = :id")
              .param("id", draft.targetId)
              .query(String.class)
              .optional()
              .orElse(null);
      if (draft.targetName == null) {
        problems.add(new ConfigProblem("target_id", "no such target"));
      }
    }
    if (draft.type != null
        && !draft.type.scheduled()
        && (draft.cron != null || draft.zone != null)) {
      problems.add(
          new ConfigProblem(
              draft.cron != null ? "schedule_cron" : "schedule_timezone",
              draft.type.wireName() + " is sent as events come, not on a schedule"));
    }
    if (draft.zone != null) {
      try {
        CronSchedule.zone(draft.zone);
      } catch (IllegalArgumentException e) {
        problems.add(
            new ConfigProblem(
                "schedule_timezone", "expected an IANA time zone such as Asia/Shanghai"));
      }
    }
    if (draft.cron != null) {
      String problem =
          cronProblem(draft.cron, draft.zone == null ? "UTC" : draft.zone, clock.instant());
      if (problem != null) {
        problems.add(new ConfigProblem("schedule_cron", problem));
      }
    }
    if (draft.type != null) {
      routes.check(
          draft.type,
          draft.targetId,
          draft.filters,
          draft.mute,
          draft.mentions,
          draft.backupTargetId,
          draft.template,
          problems);
    }
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid("invalid binding", problems);
    }
  }

  /** An absent rule is stored as SQL null: {} and null mean the same. */
  private static @Nullable JsonNode nullIfEmpty(JsonNode value) {
    return value.isNull() || (value.isObject() && value.isEmpty()) ? null : value;
  }

  private @Nullable String text(@Nullable JsonNode node) {
    return node == null ? null : json.writeValueAsString(node);
  }

  /** Why a cron will not do, or null: unreadable, never firing, or firing every few seconds. */
  static @Nullable String cronProblem(String cron, String zone, Instant at) {
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(cron, zone);
    } catch (IllegalArgumentException e) {
      return "expected six fields: second minute hour day-of-month month day-of-week";
    }
    ZonedDateTime now = at.atZone(schedule.zone());
    ZonedDateTime first = schedule.cron().next(now);
    ZonedDateTime second = first == null ? null : schedule.cron().next(first);
    if (first == null || second == null) {
      return "never fires";
    }
    if (Duration.between(first, second).compareTo(Duration.ofMinutes(1)) < 0) {
      return "fires more than once a minute";
    }
    return null;
  }

  private static String typeNames() {
    return String.join(
        ", ", Arrays.stream(NotificationType.values()).map(NotificationType::wireName).toList());
  }

  private static Map<String, Object> view(ResultSet rs, JsonMapper json) throws SQLException {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", rs.getLong("id"));
    view.put("notification_type", rs.getString("notification_type"));
    view.put("target_id", rs.getLong("target_id"));
    view.put("target_name", rs.getString("target_name"));
    view.put("enabled", rs.getBoolean("enabled"));
    view.put("schedule_cron", rs.getString("schedule_cron"));
    view.put("schedule_timezone", rs.getString("schedule_timezone"));
    view.put("filters", tree(rs.getString("filters"), json));
    view.put("mute", tree(rs.getString("mute"), json));
    view.put("mentions", tree(rs.getString("mentions"), json));
    view.put("backup_target_id", rs.getObject("backup_target_id", Long.class));
    view.put("template_override", tree(rs.getString("template_override"), json));
    view.put("locale", rs.getString("locale"));
    view.put("created_at", rs.getTimestamp("created_at").toInstant().toString());
    return view;
  }

  private static @Nullable JsonNode tree(@Nullable String text, JsonMapper json) {
    return text == null ? null : json.readTree(text);
  }

  /** A binding being made or changed, and the fields the client sent. */
  private static final class Draft {
    @Nullable NotificationType type;
    @Nullable Long targetId;
    @Nullable String targetName;
    boolean enabled = true;
    @Nullable String cron;
    @Nullable String zone;
    @Nullable JsonNode filters;
    @Nullable JsonNode mute;
    @Nullable JsonNode mentions;
    @Nullable Long backupTargetId;
    @Nullable JsonNode template;
    @Nullable String locale;
    final List<String> sent = new ArrayList<>();

    static Draft empty() {
      return new Draft();
    }

    static Draft of(Map<String, Object> stored) {
      Draft d = new Draft();
      d.type =
          NotificationType.fromWireName(
                  (String) Objects.requireNonNull(stored.get("notification_type")))
              .orElse(null);
      d.targetId = (Long) stored.get("target_id");
      d.targetName = (String) stored.get("target_name");
      d.enabled = Boolean.TRUE.equals(stored.get("enabled"));
      d.cron = (String) stored.get("schedule_cron");
      d.zone = (String) stored.get("schedule_timezone");
      d.filters = (JsonNode) stored.get("filters");
      d.mute = (JsonNode) stored.get("mute");
      d.mentions = (JsonNode) stored.get("mentions");
      d.backupTargetId = (Long) stored.get("backup_target_id");
      d.template = (JsonNode) stored.get("template_override");
      d.locale = (String) stored.get("locale");
      return d;
    }

    String subject() {
      return (type == null ? "?" : type.wireName()) + " → " + targetName;
    }
  }
}
