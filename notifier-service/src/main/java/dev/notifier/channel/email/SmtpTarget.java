package dev.notifier.channel.email;

import dev.notifier.channel.Destination;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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
    EmailConfig.Security security,
    @Nullable String username,
    @Nullable String password,
    InternetAddress from,
    List<InternetAddress> to,
    List<InternetAddress> cc) {

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
    EmailConfig config = destination.config(EmailConfig.class);
    EmailConfig.Security security =
        config.security() != null
            ? config.security()
            : implicitTls ? EmailConfig.Security.TLS : EmailConfig.Security.STARTTLS;
    int port = uri.getPort() >= 0 ? uri.getPort() : implicitTls ? 465 : 587;
    String username =
        config.username() == null || config.username().isBlank() ? null : config.username();
    return new SmtpTarget(
        uri.getHost(),
        port,
        security,
        username,
        destination.secret(),
        address("config.from", config.from()),
        addresses("config.to", config.to(), true),
        addresses("config.cc", config.cc(), false));
  }

  private static InternetAddress address(String field, @Nullable String value)
      throws InvalidTarget {
    List<InternetAddress> list = addresses(field, value == null ? null : List.of(value), true);
    if (list.size() != 1) {
      throw new InvalidTarget(field + ": expected one address");
    }
    return list.getFirst();
  }

  private static List<InternetAddress> addresses(
      String field, @Nullable List<String> value, boolean required) throws InvalidTarget {
    String joined = value == null ? "" : String.join(",", value);
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

  /**
   * A target that cannot work as configured; the message names the setting ("config.from: ...").
   */
  static final class InvalidTarget extends Exception {
    InvalidTarget(String message) {
      super(message, null, false, false);
    }
  }
}
