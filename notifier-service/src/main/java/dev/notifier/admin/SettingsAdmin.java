package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.LegacyPlatforms;
import dev.notifier.binding.Target;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.NotificationType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reading and changing the settings row. A change names only the fields it changes; every field is
 * checked before anything is written, and all problems are reported at once. This instance sees the
 * change at once, the others within their binding cache's TTL.
 */
@Service
class SettingsAdmin {

  private final JdbcClient jdbc;
  private final AdminAudit audit;
  private final Bindings bindings;
  private final TransactionTemplate transaction;
  private final TargetRules rules;
  private final Clock clock;

  SettingsAdmin(
      JdbcClient jdbc,
      AdminAudit audit,
      Bindings bindings,
      TransactionTemplate transaction,
      TargetRules rules,
      Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.audit = audit;
    this.bindings = bindings;
    this.transaction = transaction;
    this.rules = rules;
  }

  Map<String, Object> read() {
    String columns = String.join(", ", SettingsFields.ALL.keySet());
    return jdbc.sql("SELECT " + columns + ", updated_at FROM notification_settings WHERE id = 1")
        .query(
            (rs, n) -> {
              Map<String, Object> view = new LinkedHashMap<>();
              for (SettingField field : SettingsFields.ALL.values()) {
                view.put(field.name(), field.read(rs));
              }
              view.put("updated_at", rs.getTimestamp("updated_at").toInstant().toString());
              return view;
            })
        .single();
  }

  Map<String, Object> update(JsonNode body, String actor) {
    if (body == null || !body.isObject()) {
      throw new AdminRefusal.Invalid(
          "invalid settings", List.of(new ConfigProblem("body", "expected a JSON object")));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      SettingField field = SettingsFields.ALL.get(e.getKey());
      if (field == null) {
        problems.add(new ConfigProblem(shortened(e.getKey()), "unknown field"));
        continue;
      }
      SettingField.Parsed parsed = field.parse(e.getValue());
      if (parsed.problem() != null) {
        problems.add(new ConfigProblem(field.name(), parsed.problem()));
      } else {
        values.put(field.name(), parsed.value());
      }
    }
    checkLegacyUrls(values, problems);
    if (values.isEmpty() && problems.isEmpty()) {
      problems.add(new ConfigProblem("body", "names no field to change"));
    }
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid("invalid settings", problems);
    }
    transaction.executeWithoutResult(
        status -> {
          write(values);
          levelsAboveThreshold();
          audit.record(actor, "settings.update", null, "settings", List.copyOf(values.keySet()));
        });
    bindings.invalidate();
    return read();
  }

  /** The stored legacy URLs checked as a save would check them (for the configuration check). */
  List<ConfigProblem> checkStored() {
    List<String> columns =
        Arrays.stream(NotificationType.values())
            .map(type -> "legacy_" + type.wireName() + "_url")
            .toList();
    Map<String, Object> values = new LinkedHashMap<>();
    jdbc.sql("SELECT " + String.join(", ", columns) + " FROM notification_settings WHERE id = 1")
        .query(
            rs -> {
              for (String column : columns) {
                if (rs.getString(column) != null) {
                  values.put(column, rs.getString(column));
                }
              }
            });
    List<ConfigProblem> problems = new ArrayList<>();
    checkLegacyUrls(values, problems);
    return problems;
  }

  /**
   * A legacy URL is a target in all but name: checked as one (its platform told from its host, the
   * SSRF guard's verdict included), each problem put on the URL's field.
   */
  private void checkLegacyUrls(Map<String, Object> values, List<ConfigProblem> problems) {
    for (NotificationType type : NotificationType.values()) {
      String field = "legacy_" + type.wireName() + "_url";
      if (values.get(field) instanceof String url) {
        Target target;
        try {
          target = LegacyPlatforms.asTarget(type.wireName(), url);
        } catch (IllegalArgumentException e) {
          problems.add(new ConfigProblem(field, "not a URL"));
          continue;
        }
        rules.check(target).stream()
            .filter(p -> !p.field().equals("name"))
            .findFirst()
            .ifPresent(
                p ->
                    problems.add(
                        new ConfigProblem(
                            field,
                            p.field().equals("url")
                                ? p.message()
                                : p.field() + ": " + p.message())));
      }
    }
  }

  private void write(Map<String, Object> values) {
    String set =
        values.keySet().stream()
            .map(
                name ->
                    name
                        + " = "
                        + Objects.requireNonNull(SettingsFields.ALL.get(name)).placeholder())
            .collect(Collectors.joining(", "));
    JdbcClient.StatementSpec update =
        jdbc.sql("UPDATE notification_settings SET " + set + ", updated_at = :now WHERE id = 1")
            .param("now", SqlTime.now(clock));
    for (Map.Entry<String, Object> e : values.entrySet()) {
      update = update.param(e.getKey(), e.getValue());
    }
    update.update();
  }

  /**
   * The levels are fractions above the threshold; checked on the row as it now stands, so that a
   * change of either one alone is judged against the other's stored value.
   */
  private void levelsAboveThreshold() {
    boolean ok =
        jdbc.sql(
                "SELECT cost_alert_threshold < ALL (cost_alert_levels) OR cardinality(cost_alert_levels) = 0"
                    + " FROM notification_settings WHERE id = 1")
            .query(Boolean.class)
            .single();
    if (!ok) {
      BigDecimal threshold =
          jdbc.sql("SELECT cost_alert_threshold FROM notification_settings WHERE id = 1")
              .query(BigDecimal.class)
              .single();
      // thrown inside the transaction: nothing of the change is kept
      throw new AdminRefusal.Invalid(
          "invalid settings",
          List.of(
              new ConfigProblem(
                  "cost_alert_levels",
                  "every level must be above cost_alert_threshold ("
                      + SettingField.plain(threshold).toPlainString()
                      + ")")));
    }
  }

  private static String shortened(String key) {
    if (key.isBlank()) {
      return "\"" + key + "\" (an empty name)";
    }
    return key.length() <= 64 ? key : key.substring(0, 64) + "…";
  }
}
