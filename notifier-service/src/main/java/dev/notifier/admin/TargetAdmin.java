package dev.notifier.admin;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.LiveCheck;
import dev.notifier.channel.SendOutcome;
import dev.notifier.delivery.DeliveryPipeline;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;
import dev.notifier.message.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saving, removing and test-sending targets. A target is stored only after its settings pass the
 * common checks, its channel's, and, where the platform alone knows a setting, the platform's; the
 * platform is asked outside any database transaction, so a slow platform holds no connection.
 */
@Service
class TargetAdmin {

  private final TargetRows rows;
  private final TargetRules rules;
  private final AdminAudit audit;
  private final Bindings bindings;
  private final DeliveryPipeline pipeline;
  private final TransactionTemplate transaction;
  private final Clock clock;

  TargetAdmin(
      TargetRows rows,
      TargetRules rules,
      AdminAudit audit,
      Bindings bindings,
      DeliveryPipeline pipeline,
      TransactionTemplate transaction,
      Clock clock) {
    this.pipeline = pipeline;
    this.rows = rows;
    this.rules = rules;
    this.audit = audit;
    this.bindings = bindings;
    this.transaction = transaction;
    this.clock = clock;
  }

  List<TargetView> list() {
    return rows.all().stream().map(TargetView::of).toList();
  }

  TargetView get(long id) {
    return TargetView.of(stored(id));
  }

  TargetView create(TargetRequest request, boolean verify, String actor) {
    Target draft = request.toNew();
    requireValid(draft, request);
    Optional<StoredTarget.LastTest> checked =
        verify && draft.enabled() ? checkLive(draft) : Optional.empty();
    long id =
        write(
            () -> {
              long newId = rows.insert(draft);
              checked.ifPresent(t -> rows.recordTest(newId, t));
              audit.record(actor, "create", newId, draft.name(), fields(draft), verdict(checked));
              return newId;
            });
    return get(id);
  }

  TargetView update(long id, TargetRequest request, boolean verify, String actor) {
    Target stored = stored(id).target();
    Target merged = request.mergeInto(stored);
    List<String> changed = changes(stored, merged);
    if (changed.isEmpty() && request.unknownFields().isEmpty()) {
      return get(id);
    }
    requireValid(merged, request);
    // A disabled target is asked when it is switched on; a rename alone is not worth a message
    // in someone's chat.
    boolean worthAsking = changed.stream().anyMatch(f -> !f.equals("name"));
    Optional<StoredTarget.LastTest> checked =
        verify && merged.enabled() && worthAsking ? checkLive(merged) : Optional.empty();
    write(
        () -> {
          rows.update(merged);
          checked.ifPresent(t -> rows.recordTest(id, t));
          audit.record(actor, "update", id, merged.name(), changed, verdict(checked));
          return id;
        });
    return get(id);
  }

  void delete(long id, String actor) {
    Target stored = stored(id).target();
    write(
        () -> {
          if (!rows.delete(id)) {
            throw new AdminRefusal.NotFound(id);
          }
          audit.record(actor, "delete", id, stored.name(), List.of(), null);
          return id;
        });
  }

  /**
   * Sends the test message once, however the target is configured, and records the result: with
   * {@code type}, that type's sample as the real renderer makes it, else a short test message.
   */
  TestResult test(long id, @Nullable String type, String actor) {
    Target target = stored(id).target();
    Instant at = clock.instant();
    long start = System.nanoTime();
    SendOutcome outcome = send(target, message(type));
    int millis = elapsedMillis(start);
    TestResult result = TestResult.of(outcome, millis, at, type);
    StoredTarget.LastTest last =
        new StoredTarget.LastTest(at, result.ok(), millis, result.reason(), result.detail());
    write(
        () -> {
          rows.recordTest(id, last);
          audit.record(
              actor, "test", id, target.name(), List.of(), result.ok() ? "ok" : result.reason());
          return id;
        });
    return result;
  }

  /**
   * Sends the test message to a target that is not saved (checked as a save would check it, SSRF
   * guard included), so a URL can be tried before it is stored. Nothing is stored but the audit
   * row.
   */
  TestResult testUnsaved(TargetRequest request, @Nullable String type, String actor) {
    Target draft = request.toNew();
    requireValid(draft, request);
    Instant at = clock.instant();
    long start = System.nanoTime();
    SendOutcome outcome = send(draft, message(type));
    TestResult result = TestResult.of(outcome, elapsedMillis(start), at, type);
    audit.recordOn(
        actor,
        "test-unsaved",
        null,
        draft.name(),
        fields(draft),
        result.ok() ? "ok" : result.reason());
    return result;
  }

  private SendOutcome send(Target target, Message message) {
    if (rules.sender(target.channel()).isEmpty()) {
      throw new AdminRefusal.Invalid(
          List.of(new ConfigProblem("channel", "unknown channel " + target.channel())));
    }
    // through the delivery pipeline, as every delivery: shrunk when too large, classified alike
    // (settings a sender cannot use come back as bad_config, with the sender's reason)
    return pipeline.test(target, message);
  }

  /** The sample of {@code type} (a wire name), or the short test message when none is named. */
  private Message message(@Nullable String type) {
    if (type == null) {
      return probe();
    }
    NotificationType chosen =
        NotificationType.fromWireName(type)
            .orElseThrow(
                () ->
                    new AdminRefusal.Invalid(
                        List.of(
                            new ConfigProblem(
                                "type",
                                "expected one of "
                                    + String.join(
                                        ", ",
                                        java.util.Arrays.stream(NotificationType.values())
                                            .map(NotificationType::wireName)
                                            .toList())))));
    Message sample = Samples.of(chosen, bindings.settings().presentation());
    Map<String, Object> variables = new java.util.LinkedHashMap<>(sample.variables());
    // each test-send is a notification of its own, with its own idempotency key
    variables.put("notification_id", "test-" + UUID.randomUUID());
    return new Message(
        sample.title(),
        sample.level(),
        sample.blocks(),
        sample.footer(),
        variables,
        sample.charts());
  }

  private void requireValid(Target target, TargetRequest request) {
    List<ConfigProblem> problems = new ArrayList<>(request.unknownFields());
    problems.addAll(rules.check(target));
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid(problems);
    }
  }

  /** The platform's word on settings only it knows, when the channel has any; refused otherwise. */
  private Optional<StoredTarget.LastTest> checkLive(Target target) {
    // only called for a target its rules found valid: its settings bind
    ChannelSender sender = rules.sender(target.channel()).orElseThrow();
    Destination destination = rules.destination(target).orElseThrow();
    long start = System.nanoTime();
    LiveCheck check = sender.checkLive(destination, probe());
    return switch (check) {
      case LiveCheck.NotNeeded n -> Optional.empty();
      case LiveCheck.Passed p ->
          Optional.of(new StoredTarget.LastTest(clock.instant(), true, elapsedMillis(start)));
      case LiveCheck.Refused r -> throw new AdminRefusal.Invalid(List.of(r.problem()));
      case LiveCheck.Inconclusive i -> throw new AdminRefusal.Unverified(i.detail());
    };
  }

  /** The test message, in the language and time zone of the settings. */
  private Message probe() {
    Presentation p = bindings.settings().presentation();
    return new Message(
        p.text("test.title"),
        Level.INFO,
        List.of(new Block.Highlight(List.of(Span.plain(p.text("test.body"))))),
        p.time(clock.instant()),
        // each test-send is a notification of its own, with its own idempotency key
        Map.of("notification_id", "test-" + UUID.randomUUID()));
  }

  private <T> T write(Supplier<T> work) {
    T result;
    try {
      result = transaction.execute(s -> work.get());
    } catch (DuplicateKeyException e) {
      throw new AdminRefusal.NameTaken();
    }
    // This instance sees the change at once; others within their cache TTL.
    bindings.invalidate();
    return Objects.requireNonNull(result);
  }

  private StoredTarget stored(long id) {
    return rows.find(id).orElseThrow(() -> new AdminRefusal.NotFound(id));
  }

  private static @Nullable String verdict(Optional<StoredTarget.LastTest> checked) {
    return checked.map(t -> "checked by the platform").orElse(null);
  }

  /** The fields a new target sets. */
  private static List<String> fields(Target t) {
    return changes(new Target(0, "", "", null, null, Map.of(), true), t);
  }

  /** The names of the fields that differ; never their values. */
  private static List<String> changes(Target before, Target after) {
    List<String> changed = new ArrayList<>();
    if (!before.name().equals(after.name())) changed.add("name");
    if (!before.channel().equals(after.channel())) changed.add("channel");
    if (!Objects.equals(before.url(), after.url())) changed.add("url");
    if (!Objects.equals(before.secret(), after.secret())) changed.add("secret");
    if (!before.config().equals(after.config())) changed.add("config");
    if (before.enabled() != after.enabled()) changed.add("enabled");
    return changed;
  }

  private static int elapsedMillis(long startNanos) {
    return (int) ((System.nanoTime() - startNanos) / 1_000_000);
  }
}
