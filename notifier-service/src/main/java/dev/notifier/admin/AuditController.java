package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/audit}: who changed what, newest first, filtered by actor, action, subject and
 * time, a page at a time ({@code next} is the cursor for the page after). Field names only, never
 * values: that is all the audit keeps.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditController(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String action,
      @RequestParam(name = "target_id", required = false) @Nullable Long targetId,
      @RequestParam(required = false) @Nullable String since,
      @RequestParam(required = false) @Nullable String until,
      @RequestParam(required = false) @Nullable Long before,
      @RequestParam(defaultValue = "100") int limit) {
    List<ConfigProblem> problems = new ArrayList<>();
    Paging.Window window = Paging.Window.of(since, until, before, limit, problems);
    Paging.refuseIf(problems);
    List<Map<String, Object>> rows =
        window
            .bind(
                jdbc.sql(
                    """
                    SELECT id, at, actor, action, target_id, target_name, changed::text AS changed, outcome
                      FROM admin_audit
                     WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                       AND (CAST(:action AS text) IS NULL OR action = :action)
                       AND (CAST(:target AS bigint) IS NULL OR target_id = :target)"""
                        + Paging.Window.conditions("")))
            .param("actor", actor)
            .param("action", action)
            .param("target", targetId)
            .query(
                (rs, n) -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("id", rs.getLong("id"));
                  row.put("at", rs.getTimestamp("at").toInstant().toString());
                  row.put("actor", rs.getString("actor"));
                  row.put("action", rs.getString("action"));
                  row.put("target_id", rs.getObject("target_id"));
                  row.put("target_name", rs.getString("target_name"));
                  row.put("changed", json.readValue(rs.getString("changed"), List.class));
                  row.put("outcome", rs.getString("outcome"));
                  return row;
                })
            .list();
    return Paging.page(rows, window.limit());
  }
}
