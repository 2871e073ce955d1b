package dev.notifier.binding;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Legacy mode's one URL per type: which platform a URL belongs to, told from its host as the seeds
 * do (anything else is a custom webhook, sent the message as JSON).
 */
public final class LegacyPlatforms {

  private static final Map<String, String> HOSTS =
      Map.of(
          "qyapi.weixin.qq.com", "wecom",
          "open.feishu.cn", "feishu",
          "open.larksuite.com", "feishu",
          "oapi.dingtalk.com", "dingtalk",
          "hooks.slack.com", "slack",
          "discord.com", "discord",
          "discordapp.com", "discord",
          "api.telegram.org", "telegram");

  private LegacyPlatforms() {}

  /** The channel of a legacy URL: by exact host (case aside), else {@code webhook}. */
  public static String channelOf(String url) {
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return "webhook";
    }
    if (host == null) {
      return "webhook";
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return HOSTS.getOrDefault(h, "webhook");
  }

  /**
   * The target behind a type's legacy URL, with a negative id of its own so deliveries, the
   * delivery log and dead letters treat it like any other. A Telegram URL is the Bot API call
   * itself ({@code https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat>}): the token and
   * the chat are taken from it.
   */
  /** A legacy URL as the target it stands for, to check it as a target would be checked. */
  public static Target asTarget(String typeName, String url) {
    return target(-1, typeName, url);
  }

  static Target target(long id, String typeName, String url) {
    String channel = channelOf(url);
    if (!channel.equals("telegram")) {
      return new Target(id, "legacy " + typeName, channel, url.trim(), null, Map.of(), true);
    }
    URI uri = URI.create(url.trim());
    String path = uri.getPath() == null ? "" : uri.getPath();
    String token = path.startsWith("/bot") ? path.substring(4).split("/", 2)[0] : null;
    Map<String, Object> config = new java.util.HashMap<>();
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("chat_id=")) {
          config.put(
              "chat_id",
              java.net.URLDecoder.decode(
                  pair.substring("chat_id=".length()), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return new Target(
        id,
        "legacy " + typeName,
        channel,
        uri.getScheme() + "://" + uri.getRawAuthority(),
        token,
        Map.copyOf(config),
        true);
  }
}
