package dev.notifier.channel.email;

import dev.notifier.channel.Destination;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mail target as configured: {@code smtp://host:port} (STARTTLS, required) or {@code
 * smtps://host:port} (TLS from the first byte); the password is the target's secret.
 *
 * <p>Settings ({@code config}): {@code from}, {@code to} and {@code cc} (a list or a
 * comma-separated string), {@code username} (authenticate when set), {@code security} ({@code
 * starttls}, {@code tls}, or {@code none} for a local relay that cannot do TLS; only ever chosen
 * explicitly).
 */
record SmtpTarget(
    String host,
    int port,
    Security security,
    @Nullable String username,
    @Nullable String password,
    InternetAddress from,
    List<InternetAddress> to,
    List<InternetAddress> cc) {

  enum Security {
    STARTTLS,
    TLS,
    NONE
  }

  /** The target's settings, or a message naming the one that is wrong. */
  static SmtpTarget of(Destination destination) throws InvalidTarget {
    URI uri;
    try {
      uri = URI.create(destination.requireUrl());
    } catch (IllegalArgumentException e) {
      throw new InvalidTarget("url: expected smtp://host:port or smtps://host:port");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null) {
      throw new InvalidTarget("url: expected smtp://host:port or smtps://host:port");
    }
    boolean implicitTls = scheme.equals("smtps");
    Map<String, Object> config = destination.config();
    Security security = security(config.get("security"), implicitTls);
    int port = uri.getPort() >= 0 ? uri.getPort() : implicitTls ? 465 : 587;
    String username = text(config.get("username"));
    return new SmtpTarget(
        uri.getHost(),
        port,
        security,
        username,
        destination.secret(),
        address("config.from", config.get("from")),
        addresses("config.to", config.get("to"), true),
        addresses("config.cc", config.get("cc"), false));
  }

  private static Security security(@Nullable Object value, boolean implicitTls)
      throws InvalidTarget {
    if (value == null) {
      return implicitTls ? Security.TLS : Security.STARTTLS;
    }
    try {
      return Security.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidTarget(
          "config.security: expected starttls, tls or none, got '" + value + "'");
    }
  }

  private static InternetAddress address(String field, @Nullable Object value)
      throws InvalidTarget {
    List<InternetAddress> list = addresses(field, value, true);
    if (list.size() != 1) {
      throw new InvalidTarget(field + ": expected one address");
    }
    return list.getFirst();
  }

  private static List<InternetAddress> addresses(
      String field, @Nullable Object value, boolean required) throws InvalidTarget {
    String joined =
        value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList())
            : value == null ? "" : String.valueOf(value);
    if (joined.isBlank()) {
      if (required) {
        throw new InvalidTarget(field + ": required");
      }
      return List.of();
    }
    try {
      return List.of(InternetAddress.parse(joined, true));
    } catch (AddressException e) {
      throw new InvalidTarget(field + ": not an address list (" + e.getMessage() + ")");
    }
  }

  private static @Nullable String text(@Nullable Object value) {
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
  }

  /**
   * A target that cannot work as configured; the message names the setting ("config.from: ...").
   */
  static final class InvalidTarget extends Exception {
    InvalidTarget(String message) {
      super(message, null, false, false);
    }
  }
}
