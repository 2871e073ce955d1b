package dev.notifier.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.notifier.base.Topics;
import dev.notifier.binding.Binding;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.message.Message;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one notification into one delivery task per target on the deliveries topic, keyed by target
 * id so each target's messages stay in order on one partition. The returned future completes once
 * the broker has every task; the events consumer commits the triggering event's offset only then,
 * while it goes on with the next event instead of waiting.
 */
@Component
public class FanOut {

  private final KafkaTemplate<String, byte[]> kafka;
  private final JsonMapper json;
  private final Topics topics;
  private final Bindings bindings;
  private final MeterRegistry registry;

  FanOut(
      KafkaTemplate<String, byte[]> kafka,
      JsonMapper json,
      Topics topics,
      Bindings bindings,
      MeterRegistry registry) {
    this.kafka = kafka;
    this.json = json;
    this.topics = topics;
    this.bindings = bindings;
    this.registry = registry;
  }

  /**
   * One task per target whose binding's filters pass the notification; the others are counted as
   * filtered, per type.
   */
  public CompletableFuture<Void> publish(Notification notification, List<Target> recipients) {
    List<Target> targets = new ArrayList<>();
    for (Target target : recipients) {
      if (bindings
          .binding(notification.type(), target.id())
          .map(b -> b.filters().passes(notification.type(), notification.message()))
          .orElse(true)) {
        targets.add(target);
      } else {
        Counter.builder("notifier.notifications.filtered")
            .description("notifications a binding's filters kept from its target")
            .tag("type", notification.type().wireName())
            .register(registry)
            .increment();
      }
    }
    List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
    // The message is the bulk of every task and the same for all targets of one language: written
    // once per language.
    Map<String, String> written = new HashMap<>();
    for (Target target : targets) {
      String locale = locale(notification.type(), target);
      String message =
          written.computeIfAbsent(locale == null ? "" : locale, l -> write(notification, locale));
      TaskOnWire task =
          new TaskOnWire(
              notification.id(),
              notification.type(),
              target.id(),
              notification.occurredAt(),
              message,
              null);
      sends.add(kafka.send(record(task, notification.type(), target)));
    }
    return allSent(sends);
  }

  /** The binding's own language when it differs from the settings', else null. */
  private @Nullable String locale(NotificationType type, Target target) {
    String own = bindings.binding(type, target.id()).map(Binding::locale).orElse(null);
    return own == null || own.equals(bindings.settings().locale()) ? null : own;
  }

  /**
   * The message as JSON, in {@code locale} (null: as made). Its id and type are among its
   * variables: templates may show them, and receivers dedupe by what derives from the id.
   */
  private String write(Notification notification, @Nullable String locale) {
    Message made =
        locale == null
            ? notification.message()
            : notification.in(Presentation.of(locale, bindings.settings().timeZone()));
    Map<String, Object> variables = new LinkedHashMap<>(made.variables());
    variables.put("notification_id", notification.id());
    variables.put("notification_type", notification.type().wireName());
    return json.writeValueAsString(
        new Message(
            made.title(), made.level(), made.blocks(), made.footer(), variables, made.charts()));
  }

  /**
   * The backup target's copy of a delivery its primary dead-lettered: the same notification id (so
   * the backup is told once, even when it is also bound to the type), the message {@code noted}.
   */
  CompletableFuture<Void> backup(DeliveryTask failed, Target backup, Message noted) {
    TaskOnWire task =
        new TaskOnWire(
            failed.notificationId(),
            failed.notificationType(),
            backup.id(),
            failed.createdAt(),
            json.writeValueAsString(noted),
            failed.targetId());
    return allSent(List.of(kafka.send(record(task, failed.notificationType(), backup))));
  }

  private ProducerRecord<String, byte[]> record(
      TaskOnWire task, NotificationType type, Target target) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topics.deliveries(), String.valueOf(target.id()), json.writeValueAsBytes(task));
    record.headers().add(DeliveryHeaders.NOTIFICATION_ID, bytes(task.notificationId()));
    record.headers().add(DeliveryHeaders.NOTIFICATION_TYPE, bytes(type.wireName()));
    record.headers().add(DeliveryHeaders.CHANNEL, bytes(target.channel()));
    record.headers().add(DeliveryHeaders.TARGET_ID, bytes(String.valueOf(target.id())));
    return record;
  }

  private static CompletableFuture<Void> allSent(
      List<CompletableFuture<SendResult<String, byte[]>>> sends) {
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .exceptionallyCompose(
            e ->
                CompletableFuture.failedFuture(
                    new KafkaException("could not hand delivery tasks to the broker", e)));
  }

  /** {@link DeliveryTask} as written, with the message already in JSON. */
  private record TaskOnWire(
      String notificationId,
      NotificationType notificationType,
      long targetId,
      Instant createdAt,
      @JsonRawValue String message,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long backupOf) {}

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
