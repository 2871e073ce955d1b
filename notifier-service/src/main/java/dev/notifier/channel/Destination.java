package dev.notifier.channel;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where one message goes, as a sender sees it: the target with its settings bound once ({@link
 * ChannelConfigs}), never a map read at send time. The url and secret are credentials: never
 * printed, and every error text is scrubbed of them before it leaves a sender.
 *
 * @param config the channel's own settings, of its sender's {@link ChannelSender#configType()}
 * @param mentions who the target's messages mention, its bindings' added when sending
 */
public record Destination(
    long id,
    String name,
    @Nullable String url,
    @Nullable String secret,
    ChannelConfig config,
    MentionSet mentions,
    TargetOptions options) {

  /** A target with no settings beyond its address (a test's, a probe's). */
  public Destination(long id, String name, @Nullable String url, @Nullable String secret) {
    this(id, name, url, secret, new ChannelConfig.None(), MentionSet.NONE, TargetOptions.NONE);
  }

  /**
   * The channel's settings as its sender declared them. Anything else is a programming error: the
   * settings are bound with the sender's own type.
   */
  public <C extends ChannelConfig> C config(Class<C> type) {
    if (!type.isInstance(config)) {
      throw new IllegalStateException(
          "target "
              + id
              + " has "
              + config.getClass().getSimpleName()
              + " settings, not "
              + type.getSimpleName()
              + ": bind them with ChannelConfigs");
    }
    return type.cast(config);
  }

  /** The same target, sending with a binding's mentions and settings. */
  public Destination with(MentionSet mentions, ChannelConfig config) {
    return new Destination(id, name, url, secret, config, mentions, options);
  }

  /**
   * Everything that must never appear in a log line, metric, exception or header: the URL and the
   * secret, and the parts of the URL that are credentials on their own (query values such as
   * WeCom's key or DingTalk's access token, long path segments such as Feishu's or Slack's token),
   * since a platform may echo them back in an error without the rest of the URL; and what the
   * channel's settings hold as credentials ({@link ChannelConfig#secrets()}).
   */
  public List<String> secrets() {
    return Stream.of(Stream.of(url, secret), urlParts(), config.secrets().stream())
        .flatMap(s -> s)
        .filter(Objects::nonNull)
        .filter(s -> !s.isBlank())
        .distinct()
        .toList();
  }

  private Stream<String> urlParts() {
    if (url == null) {
      return Stream.empty();
    }
    int query = url.indexOf('?');
    // Every query value, however short: a WeCom key may be a few characters.
    Stream<String> values =
        query < 0
            ? Stream.empty()
            : Stream.of(url.substring(query + 1).split("&"))
                .map(p -> p.substring(p.indexOf('=') + 1));
    String path = query < 0 ? url : url.substring(0, query);
    int host = path.indexOf("://");
    String afterHost = host < 0 ? path : path.substring(Math.max(host + 3, 0));
    int slash = afterHost.indexOf('/');
    Stream<String> segments =
        slash < 0
            ? Stream.empty()
            : Stream.of(afterHost.substring(slash + 1).split("/")).filter(Destination::isToken);
    return Stream.concat(values, segments);
  }

  /**
   * A path segment that looks like a credential rather than a word: long, or shorter with a digit
   * or a capital (Slack's T0123ABCD, Telegram's bot12345:...), where "webhooks" or "send" are not.
   */
  private static boolean isToken(String segment) {
    return segment.length() >= MIN_PATH_TOKEN_LENGTH
        || segment.length() >= MIN_CREDENTIAL_LENGTH
            && segment.chars().anyMatch(c -> Character.isDigit(c) || Character.isUpperCase(c));
  }

  // Path segments this long are tokens, not words like "webhooks" or "send".
  private static final int MIN_CREDENTIAL_LENGTH = 8;
  private static final int MIN_PATH_TOKEN_LENGTH = 16;

  public String requireUrl() {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("target '" + name + "' has no URL");
    }
    return url;
  }

  @Override
  public String toString() {
    return "Destination[id=" + id + ", name=" + name + "]";
  }
}
