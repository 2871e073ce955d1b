package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row in {@code admin_audit} per change or test-send: who, what, which target, and the names of
 * the fields that changed. Values are never recorded, so a new secret cannot leak through the
 * audit.
 */
@Repository
class AdminAudit {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  AdminAudit(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A change to something other than a target (the settings, a binding). */
  void record(
      String actor, String action, @Nullable Long subjectId, String subject, List<String> changed) {
    recordOn(actor, action, subjectId, subject, changed, null);
  }

  /** An action on something other than a target, with what came of it ("replayed 3"). */
  void recordOn(
      String actor,
      String action,
      @Nullable Long subjectId,
      String subject,
      List<String> changed,
      @Nullable String outcome) {
    jdbc.sql(
            """
            INSERT INTO admin_audit (actor, action, target_id, target_name, changed, outcome, at)
            VALUES (:actor, :action, :id, :name, CAST(:changed AS jsonb), :outcome, :now)""")
        .param("now", SqlTime.now(clock))
        .param("actor", actor)
        .param("action", action)
        .param("id", subjectId)
        .param("name", subject)
        .param("changed", json.writeValueAsString(changed))
        .param("outcome", outcome)
        .update();
  }

  void record(
      String actor,
      String action,
      long targetId,
      String targetName,
      List<String> changed,
      @Nullable String outcome) {
    recordOn(actor, action, targetId, targetName, changed, outcome);
  }
}
