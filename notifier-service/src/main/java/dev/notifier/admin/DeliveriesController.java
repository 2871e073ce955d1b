package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/deliveries}: the deliveries history, one row per attempt (in-process retries,
 * retry topics, digests and replays alike), newest first, filtered by time, type, channel, target,
 * notification and outcome, a page at a time. Details were redacted before they were stored.
 */
@RestController
@RequestMapping("/api/deliveries")
class DeliveriesController {

  private static final Set<String> OUTCOMES = Set.of("delivered", "failed");

  private final JdbcClient jdbc;

  DeliveriesController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) @Nullable String since,
      @RequestParam(required = false) @Nullable String until,
      @RequestParam(name = "notification_type", required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(name = "target_id", required = false) @Nullable Long targetId,
      @RequestParam(name = "notification_id", required = false) @Nullable String notificationId,
      @RequestParam(required = false) @Nullable String outcome,
      @RequestParam(required = false) @Nullable Long before,
      @RequestParam(defaultValue = "100") int limit) {
    List<ConfigProblem> problems = new ArrayList<>();
    Paging.Window window = Paging.Window.of(since, until, before, limit, problems);
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      problems.add(new ConfigProblem("outcome", "expected delivered or failed"));
    }
    Paging.refuseIf(problems);
    List<Map<String, Object>> rows =
        window
            .bind(
                jdbc.sql(
                    """
                    SELECT a.id, a.at, a.notification_id, a.notification_type, a.target_id,
                           t.name AS target_name, a.channel, a.outcome, a.reason, a.latency_ms, a.detail
                      FROM delivery_attempts a LEFT JOIN webhook_targets t ON t.id = a.target_id
                     WHERE (CAST(:type AS text) IS NULL OR a.notification_type = :type)
                       AND (CAST(:channel AS text) IS NULL OR a.channel = :channel)
                       AND (CAST(:target AS bigint) IS NULL OR a.target_id = :target)
                       AND (CAST(:notification AS text) IS NULL OR a.notification_id = :notification)
                       AND (CAST(:outcome AS text) IS NULL OR a.outcome = :outcome)"""
                        + Paging.Window.conditions("a.")))
            .param("type", type)
            .param("channel", channel)
            .param("target", targetId)
            .param("notification", notificationId)
            .param("outcome", outcome)
            .query(
                (rs, n) -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("id", rs.getLong("id"));
                  row.put("at", rs.getTimestamp("at").toInstant().toString());
                  row.put("notification_id", rs.getString("notification_id"));
                  row.put("notification_type", rs.getString("notification_type"));
                  row.put("target_id", rs.getLong("target_id"));
                  row.put("target_name", rs.getString("target_name"));
                  row.put("channel", rs.getString("channel"));
                  row.put("outcome", rs.getString("outcome"));
                  row.put("reason", rs.getString("reason"));
                  row.put("latency_ms", rs.getInt("latency_ms"));
                  row.put("detail", rs.getString("detail"));
                  return row;
                })
            .list();
    return Paging.page(rows, window.limit());
  }
}
