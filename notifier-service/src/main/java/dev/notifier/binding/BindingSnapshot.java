package dev.notifier.binding;

import dev.notifier.message.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings, targets and bindings as read together at one moment. */
record BindingSnapshot(
    Settings settings, Map<Long, Target> targets, List<Binding> bindings, Instant loadedAt) {

  /** Enabled targets behind enabled bindings of this type; empty when a switch is off. */
  List<Target> recipients(NotificationType type) {
    if (!settings.allows(type)) {
      return List.of();
    }
    return bindings.stream()
        .filter(b -> b.type() == type && b.enabled())
        .map(b -> targets.get(b.targetId()))
        .filter(t -> t != null && t.enabled())
        .toList();
  }

  /** Whether the switches and an enabled binding still send {@code type} to the target. */
  boolean sends(NotificationType type, long targetId) {
    return settings.allows(type)
        && bindings.stream()
            .anyMatch(b -> b.type() == type && b.targetId() == targetId && b.enabled());
  }

  /** Every binding of this type, enabled or not, switches aside. */
  List<Binding> bound(NotificationType type) {
    return bindings.stream().filter(b -> b.type() == type).toList();
  }

  Optional<Target> target(long id) {
    return Optional.ofNullable(targets.get(id));
  }
}
