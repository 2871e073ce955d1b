package dev.notifier.egress;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target's proxy, from its settings: {@code proxy} ({@code http://host:port}, {@code
 * https://host:port} or {@code socks5://host:port}) and {@code proxyFallback} (true: when the proxy
 * cannot be reached, go direct; an answer that came through the proxy is never a reason to).
 */
public record ProxySettings(String scheme, String host, int port, boolean fallbackDirect) {

  private static final Set<String> SCHEMES = Set.of("http", "https", "socks5");

  /** The target's proxy, if it has one; a malformed setting is refused with its name. */
  public static Optional<ProxySettings> of(Map<String, Object> config) {
    Object value = config.get("proxy");
    if (value == null || String.valueOf(value).isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(String.valueOf(value).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config.proxy: not a URL");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "config.proxy: expected http://host:port, https://host:port or socks5://host:port");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "config.proxy: credentials in the proxy URL are not supported");
    }
    int port =
        uri.getPort() >= 0
            ? uri.getPort()
            : switch (scheme) {
              case "http" -> 80;
              case "https" -> 443;
              default -> 1080;
            };
    return Optional.of(
        new ProxySettings(
            scheme, uri.getHost(), port, Boolean.TRUE.equals(config.get("proxyFallback"))));
  }

  public boolean isSocks() {
    return scheme.equals("socks5");
  }

  /** The proxy as written, without credentials: a cache key and a name for messages. */
  public String display() {
    return scheme + "://" + host + ":" + port;
  }
}
