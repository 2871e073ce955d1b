package dev.notifier.admin;

import dev.notifier.binding.Target;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A target as the API shows it. The URL keeps only its scheme and host, since the rest often is the
 * credential (WeCom's key, DingTalk's token, a Slack or Feishu hook path); the secret shows only
 * whether there is one; custom header values are masked, since they usually carry a token.
 */
record TargetView(
    long id,
    String name,
    String channel,
    @Nullable String url,
    boolean hasSecret,
    Map<String, Object> config,
    boolean enabled,
    StoredTarget.@Nullable LastTest lastTest) {

  static final String MASK = "******";

  static TargetView of(StoredTarget stored) {
    Target t = stored.target();
    return new TargetView(
        t.id(),
        t.name(),
        t.channel(),
        maskUrl(t.url()),
        t.secret() != null,
        maskHeaders(t.config()),
        t.enabled(),
        stored.lastTest());
  }

  static @Nullable String maskUrl(@Nullable String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return MASK;
      }
      String base =
          uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
      String path = uri.getRawPath();
      boolean more =
          path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null;
      return more ? base + "/" + MASK : base;
    } catch (IllegalArgumentException e) {
      return MASK;
    }
  }

  private static Map<String, Object> maskHeaders(Map<String, Object> config) {
    if (!(config.get("headers") instanceof Map<?, ?> headers)) {
      return config;
    }
    Map<String, Object> masked = new LinkedHashMap<>();
    headers.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("headers", masked);
    return out;
  }

  /** {@code sent}, with every header value sent back as the mask replaced by the stored value. */
  static Map<String, Object> unmask(Map<String, Object> sent, Map<String, Object> stored) {
    if (!(sent.get("headers") instanceof Map<?, ?> headers)
        || !(stored.get("headers") instanceof Map<?, ?> storedHeaders)) {
      return sent;
    }
    Map<String, Object> restored = new LinkedHashMap<>();
    headers.forEach(
        (k, v) ->
            restored.put(
                String.valueOf(k),
                MASK.equals(v) && storedHeaders.containsKey(k) ? storedHeaders.get(k) : v));
    Map<String, Object> out = new LinkedHashMap<>(sent);
    out.put("headers", restored);
    return out;
  }
}
