package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.binding.Binding;
import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.message.Block;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A binding's backup target: when a delivery to the primary is dead-lettered, the same notification
 * goes to the backup, once, saying that it is the backup's copy and why. Once: the copy keeps the
 * notification id, so the delivery log skips it if the backup has it already (it may be bound to
 * the type itself, or the dead letter be read twice); and a copy that fails in turn is not backed
 * up again.
 */
@Component
class Backups {

  private static final Logger log = LoggerFactory.getLogger(Backups.class);

  private final Bindings bindings;
  private final FanOut fanOut;
  private final JsonMapper json;
  private final Outages outages;

  Backups(Bindings bindings, FanOut fanOut, JsonMapper json, Outages outages) {
    this.outages = outages;
    this.bindings = bindings;
    this.fanOut = fanOut;
    this.json = json;
  }

  /** Called for every dead letter; {@code reason} is its reason label. */
  void onDeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    DeliveryTask task;
    try {
      task = json.readValue(record.value(), DeliveryTask.class);
    } catch (RuntimeException e) {
      return; // an unreadable task names no binding
    }
    if (task.backupOf() != null) {
      return;
    }
    Optional<Target> backup =
        bindings
            .binding(task.notificationType(), task.targetId())
            .map(Binding::backupTargetId)
            .flatMap(bindings::target)
            .filter(Target::enabled);
    if (backup.isEmpty()) {
      return;
    }
    String primary =
        bindings.target(task.targetId()).map(Target::name).orElse("#" + task.targetId());
    Message noted = noted(task.message(), primary, reason);
    outages.waitOut("deliveries topic", () -> fanOut.backup(task, backup.get(), noted).join());
    log.info(
        "delivery {} to target {} dead-lettered ({}): sent to backup target {}",
        task.notificationId(),
        task.targetId(),
        reason,
        backup.get().id());
  }

  /** The message with a first line saying whose copy it is and why. */
  private Message noted(Message message, String primary, String reason) {
    Presentation p = bindings.settings().presentation();
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        new Block.Highlight(
            List.of(
                Span.plain(p.text("backup.note") + " "),
                Span.bold(primary),
                Span.plain(" · "),
                Span.code(reason))));
    blocks.addAll(message.blocks());
    Map<String, Object> variables = new LinkedHashMap<>(message.variables());
    variables.put("backup_of", primary);
    variables.put("backup_reason", reason);
    return new Message(
        message.title(), message.level(), blocks, message.footer(), variables, message.charts());
  }
}
