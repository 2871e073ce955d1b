package dev.notifier.admin;

import dev.notifier.base.Topics;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.delivery.DeadLetterReplay;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/dead-letters}: the deliveries DLT, listed with reasons and filters, and replayed by
 * position or by filter, or tried with {@code dry_run}. The same semantics as the replay command: a
 * replayed delivery whose (notification, target) the delivery log has as delivered is skipped by
 * the consumer, and is marked {@code already_delivered} here. Replays are audited.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLettersController {

  private static final Set<String> REPLAY_FIELDS =
      Set.of("positions", "since", "until", "notification_type", "channel", "target_id", "dry_run");

  private final DeadLetterReplay replay;
  private final JdbcClient jdbc;
  private final AdminAudit audit;

  DeadLettersController(
      ConsumerFactory<?, ?> consumers,
      ProducerFactory<?, ?> producers,
      Topics topics,
      JdbcClient jdbc,
      AdminAudit audit) {
    this.replay =
        new DeadLetterReplay(
            consumers.getConfigurationProperties(),
            producers.getConfigurationProperties(),
            topics.deliveriesDlt(),
            topics.deliveries());
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) @Nullable String since,
      @RequestParam(required = false) @Nullable String until,
      @RequestParam(name = "notification_type", required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(name = "target_id", required = false) @Nullable Long targetId) {
    List<ConfigProblem> problems = new ArrayList<>();
    DeadLetterReplay.Filter filter =
        new DeadLetterReplay.Filter(
            instant("since", since, problems),
            instant("until", until, problems),
            type,
            channel,
            targetId);
    refuseIf(problems);
    return Map.of("items", describe(replay.list(filter)));
  }

  @PostMapping("/replay")
  Map<String, Object> replay(
      @RequestBody JsonNode body, @RequestAttribute(AdminAuth.ACTOR) String actor) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new AdminRefusal.Invalid(
          "invalid replay", List.of(new ConfigProblem("body", "expected a JSON object")));
    }
    body.propertyNames()
        .forEach(
            name -> {
              if (!REPLAY_FIELDS.contains(name)) {
                problems.add(new ConfigProblem(name, "unknown field"));
              }
            });
    Set<String> positions = new LinkedHashSet<>();
    JsonNode chosen = body.path("positions");
    if (!chosen.isMissingNode()) {
      if (!chosen.isArray()) {
        problems.add(new ConfigProblem("positions", "expected a list of \"partition:offset\""));
      } else {
        for (JsonNode p : chosen) {
          if (p.isString() && p.asString().matches("[0-9]{1,9}:[0-9]{1,18}")) {
            positions.add(p.asString());
          } else {
            problems.add(new ConfigProblem("positions", "expected a list of \"partition:offset\""));
            break;
          }
        }
      }
    }
    JsonNode dryRun = body.path("dry_run");
    if (!dryRun.isMissingNode() && !dryRun.isBoolean()) {
      problems.add(new ConfigProblem("dry_run", "expected true or false"));
    }
    JsonNode target = body.path("target_id");
    if (!target.isMissingNode() && !target.isIntegralNumber()) {
      problems.add(new ConfigProblem("target_id", "expected a target's id"));
    }
    DeadLetterReplay.Filter filter =
        new DeadLetterReplay.Filter(
            instant("since", text(body, "since", problems), problems),
            instant("until", text(body, "until", problems), problems),
            text(body, "notification_type", problems),
            text(body, "channel", problems),
            target.isIntegralNumber() ? target.asLong() : null);
    if (positions.isEmpty() && body.size() == (dryRun.isMissingNode() ? 0 : 1)) {
      problems.add(
          new ConfigProblem("positions", "name the records, or a filter: replaying all needs one"));
    }
    refuseIf(problems);
    boolean dry = dryRun.asBoolean(false);
    List<DeadLetterReplay.Entry> entries =
        dry
            ? replay.list(filter).stream()
                .filter(e -> positions.isEmpty() || positions.contains(e.position()))
                .toList()
            : replay.replay(filter, positions);
    if (!dry) {
      audit.recordOn(
          actor,
          "dead-letters.replay",
          null,
          "deliveries DLT",
          entries.stream().map(DeadLetterReplay.Entry::position).toList(),
          "replayed " + entries.size());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dry_run", dry);
    out.put("items", describe(entries));
    return out;
  }

  private List<Map<String, Object>> describe(List<DeadLetterReplay.Entry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeadLetterReplay.Entry e : entries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("position", e.position());
      row.put("failed_at", e.failedAt().toString());
      row.put("reason", e.reason());
      row.put("notification_type", e.notificationType());
      row.put("notification_id", e.notificationId());
      row.put("channel", e.channel());
      row.put("target_id", e.targetId());
      row.put("attempts", e.attempts());
      // the detail was redacted before it was written to the header
      row.put("detail", e.lastError());
      row.put("already_delivered", delivered(e));
      out.add(row);
    }
    return out;
  }

  private boolean delivered(DeadLetterReplay.Entry e) {
    if (!e.targetId().matches("-?[0-9]{1,18}")) {
      return false;
    }
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM delivery_log WHERE notification_id = :id"
                + " AND target_id = :target AND status = 'delivered')")
        .param("id", e.notificationId())
        .param("target", Long.parseLong(e.targetId()))
        .query(Boolean.class)
        .single();
  }

  private static @Nullable String text(JsonNode body, String name, List<ConfigProblem> problems) {
    JsonNode v = body.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      problems.add(new ConfigProblem(name, "expected text"));
      return null;
    }
    return v.asString();
  }

  private static @Nullable Instant instant(
      String name, @Nullable String value, List<ConfigProblem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new ConfigProblem(name, "expected an instant such as 2026-12-06T09:00:00Z"));
      return null;
    }
  }

  private static void refuseIf(List<ConfigProblem> problems) {
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid("invalid request", problems);
    }
  }
}
