package dev.notifier.admin;

import dev.notifier.binding.Bindings;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.schedule.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
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

  private final BindingRows rows;
  private final AdminAudit audit;
  private final Bindings bindings;
  private final TransactionTemplate transaction;
  private final BindingRoutesCheck routes;
  private final JsonMapper json;
  private final Clock clock;

  BindingAdmin(
      BindingRows rows,
      AdminAudit audit,
      Bindings bindings,
      TransactionTemplate transaction,
      BindingRoutesCheck routes,
      JsonMapper json,
      Clock clock) {
    this.rows = rows;
    this.clock = clock;
    this.routes = routes;
    this.json = json;
    this.audit = audit;
    this.bindings = bindings;
    this.transaction = transaction;
  }

  List<BindingView> list(@Nullable String type, @Nullable Long targetId) {
    return rows.list(type, targetId);
  }

  BindingView get(long id) {
    return rows.find(id).orElseThrow(() -> new AdminRefusal.NotFound("binding", id));
  }

  BindingView create(JsonNode body, String actor) {
    BindingRequest.Sent sent = read(body);
    List<ConfigProblem> problems = new ArrayList<>();
    BindingValues values = BindingRequest.toNew(sent, problems);
    String targetName = check(values, problems);
    long id =
        save(
            () -> rows.insert(values),
            actor,
            "binding.create",
            values,
            Objects.requireNonNull(values.type()).wireName() + " → " + targetName,
            sent);
    return get(id);
  }

  BindingView update(long id, JsonNode body, String actor) {
    BindingView stored = get(id);
    BindingRequest.Sent sent = read(body);
    List<ConfigProblem> problems = new ArrayList<>();
    BindingValues values = BindingRequest.mergeInto(sent, stored, problems);
    check(values, problems);
    save(
        () -> {
          rows.update(id, values);
          return id;
        },
        actor,
        "binding.update",
        values,
        stored.subject(),
        sent);
    return get(id);
  }

  void delete(long id, String actor) {
    BindingView stored = get(id);
    save(
        () -> {
          if (!rows.delete(id)) {
            throw new AdminRefusal.NotFound("binding", id);
          }
          return id;
        },
        actor,
        "binding.delete",
        stored.values(),
        stored.subject(),
        null);
  }

  /**
   * The body as a request, and the names it sent: a body that is no JSON object is refused, and a
   * value of the wrong type is refused by the parser, naming its field.
   */
  private BindingRequest.Sent read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new AdminRefusal.Invalid(
          "invalid binding", List.of(new ConfigProblem("body", "expected a JSON object")));
    }
    Set<String> names = new LinkedHashSet<>(body.propertyNames());
    try {
      return new BindingRequest.Sent(json.treeToValue(body, BindingRequest.class), names);
    } catch (JacksonException e) {
      throw new AdminRefusal.Invalid("invalid binding", List.of(AdminErrors.problem(e)));
    }
  }

  private long save(
      Supplier<Long> write,
      String actor,
      String action,
      BindingValues values,
      String subject,
      BindingRequest.@Nullable Sent sent) {
    // what the audit says was changed: the fields sent (a request with unknown ones was refused)
    List<String> changed = sent == null ? List.of() : List.copyOf(sent.names());
    long id;
    try {
      id =
          transaction.execute(
              status -> {
                long written = write.get();
                audit.record(actor, action, written, subject, changed);
                return written;
              });
    } catch (DuplicateKeyException e) {
      throw new AdminRefusal.Conflict(
          "binding exists",
          List.of(
              new ConfigProblem(
                  "target_id",
                  "this target is already bound to "
                      + Objects.requireNonNull(values.type()).wireName())));
    }
    bindings.invalidate();
    return id;
  }

  /**
   * What only the whole binding can tell: the target exists, the schedule suits the type, the
   * routing rules hold. Returns the target's name; refuses with every problem found.
   */
  private @Nullable String check(BindingValues b, List<ConfigProblem> problems) {
    String targetName = null;
    if (b.targetId() != null && problems.stream().noneMatch(p -> p.field().equals("target_id"))) {
      targetName = rows.targetName(b.targetId()).orElse(null);
      if (targetName == null) {
        problems.add(new ConfigProblem("target_id", "no such target"));
      }
    }
    if (b.type() != null && !b.type().scheduled() && (b.cron() != null || b.zone() != null)) {
      problems.add(
          new ConfigProblem(
              b.cron() != null ? "schedule_cron" : "schedule_timezone",
              b.type().wireName() + " is sent as events come, not on a schedule"));
    }
    if (b.zone() != null) {
      try {
        CronSchedule.zone(b.zone());
      } catch (IllegalArgumentException e) {
        problems.add(
            new ConfigProblem(
                "schedule_timezone", "expected an IANA time zone such as Asia/Shanghai"));
      }
    }
    if (b.cron() != null) {
      String problem = cronProblem(b.cron(), b.zone() == null ? "UTC" : b.zone(), clock.instant());
      if (problem != null) {
        problems.add(new ConfigProblem("schedule_cron", problem));
      }
    }
    if (b.type() != null) {
      routes.check(
          b.type(),
          b.targetId(),
          b.filters(),
          b.mute(),
          b.mentions(),
          b.backupTargetId(),
          b.template(),
          problems);
    }
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid("invalid binding", problems);
    }
    return targetName;
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
}
