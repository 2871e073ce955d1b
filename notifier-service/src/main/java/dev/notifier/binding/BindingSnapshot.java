package dev.notifier.binding;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.Channels;
import dev.notifier.message.NotificationType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings, targets and bindings as read together at one moment, immutable: a delivery reads one
 * and decides everything from it, so that no decision of one delivery sees another configuration.
 * {@code byTarget} finds a binding by type and target without a scan.
 */
public record BindingSnapshot(
    Settings settings,
    Map<Long, Target> targets,
    List<Binding> bindings,
    Map<NotificationType, Target> legacy,
    Instant loadedAt,
    Map<Pair, Binding> byTarget,
    Map<Long, ChannelConfigs.Bound> bound) {

  /** A notification type and a target: what a binding is unique on. */
  record Pair(NotificationType type, long targetId) {}

  static BindingSnapshot of(
      Settings settings,
      Map<Long, Target> targets,
      List<Binding> bindings,
      Map<NotificationType, Target> legacy,
      Instant loadedAt,
      Channels channels) {
    Map<Pair, Binding> index = new HashMap<>();
    bindings.forEach(b -> index.put(new Pair(b.type(), b.targetId()), b));
    // each target's settings are bound once here, not at every send
    Map<Long, ChannelConfigs.Bound> bound = new HashMap<>();
    targets.values().forEach(t -> bound.put(t.id(), t.bind(channels, ChannelConfigs.Reading.SEND)));
    legacy.values().forEach(t -> bound.put(t.id(), t.bind(channels, ChannelConfigs.Reading.SEND)));
    return new BindingSnapshot(
        settings, targets, bindings, legacy, loadedAt, Map.copyOf(index), Map.copyOf(bound));
  }

  /** A target's settings as bound when this snapshot was read; empty for an unknown id. */
  public Optional<ChannelConfigs.Bound> bound(long targetId) {
    return Optional.ofNullable(bound.get(targetId));
  }

  /** Enabled targets behind enabled bindings of this type; empty when a switch is off. */
  public List<Target> recipients(NotificationType type) {
    if (!settings.allows(type)) {
      return List.of();
    }
    if (settings.legacyMode()) {
      Target t = legacy.get(type);
      return t == null ? List.of() : List.of(t);
    }
    return bindings.stream()
        .filter(b -> b.type() == type && b.enabled())
        .map(b -> targets.get(b.targetId()))
        .filter(t -> t != null && t.enabled())
        .toList();
  }

  /** Whether the switches and an enabled binding still send {@code type} to the target. */
  public boolean sends(NotificationType type, long targetId) {
    if (settings.legacyMode()) {
      Target t = legacy.get(type);
      return settings.allows(type) && t != null && t.id() == targetId;
    }
    Binding b = byTarget.get(new Pair(type, targetId));
    return settings.allows(type) && b != null && b.enabled();
  }

  /** The binding of {@code type} to the target, if any (legacy URLs have none). */
  public Optional<Binding> binding(NotificationType type, long targetId) {
    if (settings.legacyMode()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTarget.get(new Pair(type, targetId)));
  }

  /** Every binding of this type, enabled or not, switches aside. */
  public List<Binding> bound(NotificationType type) {
    if (settings.legacyMode()) {
      Target t = legacy.get(type);
      // a legacy URL is one binding with the settings' schedule, there since always
      return t == null
          ? List.of()
          : List.of(new Binding(t.id(), type, t.id(), true, null, null, Instant.EPOCH));
    }
    return bindings.stream().filter(b -> b.type() == type).toList();
  }

  /** A configured target, or in legacy mode a type's URL as one (negative ids). */
  public Optional<Target> target(long id) {
    if (id < 0) {
      return legacy.values().stream().filter(t -> t.id() == id).findFirst();
    }
    return Optional.ofNullable(targets.get(id));
  }
}
