package dev.notifier.delivery;

import dev.notifier.binding.Binding;
import dev.notifier.binding.BindingSnapshot;
import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Channels;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.MentionSet;
import dev.notifier.channel.RateLimit;
import dev.notifier.routing.Mute;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The plan stage: from one snapshot of the configuration, whether a task still goes to its target,
 * through which sender and within which limits, and what its binding adds (mentions, a template, a
 * mute window). Reads nothing but the snapshot it is given, so that every decision about one
 * delivery sees one configuration.
 */
@Component
class Planner {

  /** Whether and how to send to a target. */
  sealed interface Plan {}

  /** A plan for a target as given, whatever the configuration says of it: go, or refused. */
  sealed interface Ready extends Plan {}

  /** Not to be sent, rightly: counted and logged as skipped. */
  record Skip(SkipReason reason, String channel) implements Plan {}

  /** Cannot be sent, ever, as the target stands: a permanent failure before any attempt. */
  record Refuse(FailureReason reason, String channel, String detail) implements Ready {}

  /** To be sent through {@code sender} to {@code destination} within {@code limits}. */
  record Go(Target target, ChannelSender sender, Destination destination, List<RateLimit> limits)
      implements Ready {
    String channel() {
      return target.channel();
    }
  }

  /** A mute window of the task's binding covers now: held until it ends, or dropped. */
  record Muted(Instant until, Mute.Action action) {}

  private final Channels channels;
  private final Clock clock;

  Planner(Channels channels, Clock clock) {
    this.channels = channels;
    this.clock = clock;
  }

  Plan plan(BindingSnapshot config, long targetId) {
    Optional<Target> found = config.target(targetId);
    if (found.isEmpty()) {
      return new Skip(SkipReason.TARGET_MISSING, "unknown");
    }
    Target target = found.get();
    if (!target.enabled()) {
      return new Skip(SkipReason.TARGET_DISABLED, target.channel());
    }
    // every target of a snapshot was bound with it
    return plan(target, config.bound(targetId).orElseThrow());
  }

  /**
   * The sender and limits for a target as given (a test send's, saved or not), read as a delivery
   * reads it: a draft's settings were checked strictly before it got here.
   */
  Ready plan(Target target) {
    return plan(target, target.bind(channels, ChannelConfigs.Reading.SEND));
  }

  private Ready plan(Target target, ChannelConfigs.Bound bound) {
    Optional<ChannelSender> sender = channels.sender(target.channel());
    if (sender.isEmpty()) {
      return new Refuse(
          FailureReason.UNKNOWN_CHANNEL,
          target.channel(),
          "no sender for channel '" + target.channel() + "'");
    }
    return switch (bound) {
      case ChannelConfigs.Ok ok ->
          new Go(
              target,
              sender.get(),
              ok.destination(),
              ok.destination().options().limits(sender.get().rateLimits()));
      case ChannelConfigs.Invalid invalid ->
          new Refuse(FailureReason.BAD_CONFIG, target.channel(), invalid.detail());
    };
  }

  /**
   * Whether the task's type is no longer sent to its target: the global switch, the type's or the
   * binding's turned off since it was made (a removed or disabled target is {@link #plan}'s to
   * say).
   */
  boolean switchedOff(BindingSnapshot config, DeliveryTask task) {
    return config.target(task.targetId()).filter(Target::enabled).isPresent()
        && !config.sends(task.notificationType(), task.boundTargetId());
  }

  /**
   * Whether a mute window of the task's binding covers this moment. A backup's copy is not muted:
   * it exists because the primary was tried, so it was not muted then.
   */
  @Nullable Muted muted(BindingSnapshot config, DeliveryTask task) {
    if (task.backupOf() != null) {
      return null;
    }
    Mute mute =
        config.binding(task.notificationType(), task.targetId()).map(Binding::mute).orElse(null);
    if (mute == null) {
      return null;
    }
    Instant until = mute.mutedUntil(clock.instant(), ZoneId.of(config.settings().timeZone()));
    return until == null ? null : new Muted(until, mute.action());
  }

  /**
   * What the tasks' bindings add to the target's settings when sending: who they mention, in the
   * platform's settings names (lists joined, a switch on when any turns it on); and a binding's
   * template, when every task is of its one type. The target's own bindings: a backup copy takes
   * the backup's (if it has one for the type), never the primary's mentions or template, which are
   * in another platform's terms.
   */
  Bound bound(BindingSnapshot config, List<DeliveryTask> tasks) {
    MentionSet mentions = MentionSet.NONE;
    List<Binding> found = new ArrayList<>();
    for (DeliveryTask task : tasks) {
      config.binding(task.notificationType(), task.targetId()).ifPresent(found::add);
    }
    for (Binding b : found) {
      mentions = mentions.plus(MentionSet.of(b.mentions(), b.mentions().keySet()));
    }
    Object template =
        found.size() == tasks.size() && found.stream().map(Binding::id).distinct().count() == 1
            ? found.getFirst().templateOverride()
            : null;
    return new Bound(mentions, template);
  }

  /** What a delivery's bindings add to its target's settings. */
  record Bound(MentionSet mentions, @Nullable Object template) {

    /** The destination sending with them; the binding's template outranks the target's. */
    Destination applyTo(Destination destination) {
      if (mentions.isEmpty() && template == null) {
        return destination;
      }
      return destination.with(
          destination.mentions().plus(mentions),
          template == null ? destination.config() : destination.config().withTemplate(template));
    }
  }

  /** The target's channel as the snapshot has it, "unknown" for a removed target. */
  static String channelOf(BindingSnapshot config, long targetId) {
    return config.target(targetId).map(Target::channel).orElse("unknown");
  }
}
