package dev.notifier.channel;

import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One platform. Implementations make a single attempt and classify it; they never retry or sleep.
 */
public interface ChannelSender {

  /** The channel name stored on targets ("wecom", "log", ...). */
  String channel();

  SendOutcome send(Destination destination, Message message);

  /**
   * The record this channel's own settings bind to ({@link ChannelConfigs}); {@link
   * Destination#config(Class)} hands it back. None by default: mentions, a proxy and limits are
   * every channel's, not a channel's own.
   */
  default Class<? extends ChannelConfig> configType() {
    return ChannelConfig.None.class;
  }

  /**
   * How many requests sending {@code message} takes (a long text in parts, a text and its charts),
   * each counted against the platform's quota. One unless the channel splits.
   */
  default int requests(Message message) {
    return 1;
  }

  /**
   * The platform's quota per target, so that no burst ever earns a "too many requests"; a target
   * may set its own. None by default (mail relays and custom receivers state no quota).
   */
  default List<RateLimit> rateLimits() {
    return List.of();
  }

  /**
   * Mistakes in a target's settings that this channel can see without sending anything. By default,
   * an HTTP(S) URL is required: most platforms are nothing but a webhook URL.
   */
  default List<ConfigProblem> check(Destination target) {
    if (target.url() == null || target.url().isBlank()) {
      return List.of(new ConfigProblem("url", "required"));
    }
    return isWebUrl(target.url())
        ? List.of()
        : List.of(new ConfigProblem("url", "expected an http:// or https:// URL"));
  }

  static boolean isWebUrl(String url) {
    String lower = url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /**
   * Which settings name who this platform's messages mention, and the shape of their ids. None by
   * default: the channel mentions nobody. A binding's mentions and a target's own are checked
   * against these ({@link #checkMentions}; the target's when it is saved).
   */
  default List<MentionRules.Rule> mentionRules() {
    return List.of();
  }

  /** Mistakes in who a binding's messages mention, given in this platform's settings names. */
  default List<ConfigProblem> checkMentions(Map<String, Object> mentions) {
    if (mentionRules().isEmpty()) {
      return mentions.keySet().stream()
          .map(k -> new ConfigProblem("mentions." + k, channel() + " messages mention nobody"))
          .toList();
    }
    return MentionRules.check(mentions, mentionRules());
  }

  /**
   * Mistakes in a template for this channel's messages of {@code types}, reported on {@code field}.
   * Only the custom webhook takes templates; the platforms' layouts are the senders' own.
   */
  default List<ConfigProblem> checkTemplate(
      String field, Object template, List<NotificationType> types) {
    return List.of(
        new ConfigProblem(field, channel() + " messages take no template; custom webhooks do"));
  }

  /**
   * Asks the platform, by sending {@code probe}, about settings only the platform knows, when the
   * target has such settings. Called when a target is saved, after {@link #check} found nothing.
   */
  default LiveCheck checkLive(Destination target, Message probe) {
    return LiveCheck.NOT_NEEDED;
  }
}
