package dev.notifier.delivery;

import dev.notifier.base.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Which targets this instance owns: those whose deliveries partition (the task's key is the target
 * id) is assigned to this instance's deliveries consumers. Only the owner sends to a target, held
 * digests included, which is what makes a per-target quota exact without a shared counter. When the
 * assignment changes, the quota windows are re-read from the database, where the previous owner
 * left them.
 */
@Component
class OwnedTargets {

  private final KafkaListenerEndpointRegistry registry;
  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final Throttle throttle;
  private volatile Set<Integer> owned = Set.of();
  private volatile int partitions;

  OwnedTargets(
      KafkaListenerEndpointRegistry registry,
      KafkaTemplate<String, byte[]> kafka,
      Topics topics,
      Throttle throttle) {
    this.registry = registry;
    this.kafka = kafka;
    this.topics = topics;
    this.throttle = throttle;
  }

  /** Whether this instance sends to the target, as of the last {@link #refresh}. */
  boolean owns(long targetId) {
    int count = partitions;
    return count > 0 && owned.contains(partitionOf(targetId, count));
  }

  /** Reads the deliveries consumers' assignment; a change makes the quota windows be re-read. */
  void refresh() {
    MessageListenerContainer container = registry.getListenerContainer("deliveries");
    Collection<TopicPartition> assigned =
        container == null ? Set.of() : container.getAssignedPartitions();
    Set<Integer> now =
        assigned == null
            ? Set.of()
            : assigned.stream()
                .filter(tp -> tp.topic().equals(topics.deliveries()))
                .map(TopicPartition::partition)
                .collect(Collectors.toUnmodifiableSet());
    if (!now.equals(owned)) {
      if (partitions == 0 || !now.isEmpty()) {
        partitions = kafka.partitionsFor(topics.deliveries()).size();
      }
      throttle.forgetAll();
      owned = now;
    }
  }

  /** The partition Kafka's default partitioner gives a record keyed by the target id. */
  static int partitionOf(long targetId, int partitions) {
    byte[] key = String.valueOf(targetId).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}
