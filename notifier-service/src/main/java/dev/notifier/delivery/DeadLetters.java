package dev.notifier.delivery;

import dev.notifier.base.Outages;
import dev.notifier.base.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts deliveries that failed for good on {@code notifier.deliveries.DLT} when no Kafka record
 * carries them any more (they waited in the held store): each as its own task, with the headers the
 * retry topics' recoverer writes, so they list and replay like any other dead letter. Returns once
 * the broker has them; an unreachable broker is waited out.
 */
@Component
class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final JsonMapper json;
  private final Topics topics;
  private final Clock clock;
  private final Outages outages;

  DeadLetters(
      KafkaTemplate<String, byte[]> kafka,
      JsonMapper json,
      Topics topics,
      Clock clock,
      Outages outages) {
    this.outages = outages;
    this.clock = clock;
    this.kafka = kafka;
    this.json = json;
    this.topics = topics;
  }

  /** {@code failures.get(i)} is why {@code tasks.get(i)} failed. */
  void publish(List<DeliveryTask> tasks, List<DeliveryFailedException> failures) {
    outages.waitOut(
        "dead-letter topic",
        () -> {
          List<CompletableFuture<?>> sends = new ArrayList<>();
          for (int i = 0; i < tasks.size(); i++) {
            sends.add(kafka.send(record(tasks.get(i), failures.get(i))));
          }
          CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        });
    log.warn(
        "{} held deliveries to target {} dead-lettered: {}",
        tasks.size(),
        tasks.getFirst().targetId(),
        failures.getFirst().reason().label());
  }

  private ProducerRecord<String, byte[]> record(DeliveryTask task, DeliveryFailedException why) {
    String key = String.valueOf(task.targetId());
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topics.deliveriesDlt(), key, json.writeValueAsBytes(task));
    DeadLetterHeaders.of(key, why, clock.instant()).forEach(h -> record.headers().add(h));
    DeadLetterHeaders.add(record.headers(), DeliveryHeaders.NOTIFICATION_ID, task.notificationId());
    DeadLetterHeaders.add(
        record.headers(), DeliveryHeaders.NOTIFICATION_TYPE, task.notificationType().wireName());
    return record;
  }
}
