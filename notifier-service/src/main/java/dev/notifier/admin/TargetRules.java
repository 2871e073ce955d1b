package dev.notifier.admin;

import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.RateLimit;
import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.BlockedAddressException;
import dev.notifier.egress.ProxySettings;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The checks every target passes before it is saved, then its channel's own. Each problem names the
 * field to fix; all of them are reported at once.
 */
@Component
class TargetRules {

  static final int MAX_NAME_LENGTH = 100;
  private static final Set<String> WEB_SCHEMES = Set.of("http", "https");
  private static final Set<String> MAIL_SCHEMES = Set.of("smtp", "smtps");

  private final Map<String, ChannelSender> senders;
  private final AddressGuard guard;

  TargetRules(List<ChannelSender> senders, AddressGuard guard) {
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
    this.guard = guard;
  }

  @Nullable ChannelSender sender(String channel) {
    return senders.get(channel);
  }

  List<ConfigProblem> check(Target target) {
    List<ConfigProblem> problems = new ArrayList<>(TargetLimits.check(target));
    if (!problems.isEmpty()) {
      // Oversized or unstorable input is not worth checking further (nor resolving its host).
      return problems;
    }
    if (target.name().isEmpty()) {
      problems.add(new ConfigProblem("name", "required"));
    } else if (target.name().length() > MAX_NAME_LENGTH
        || target.name().chars().anyMatch(Character::isISOControl)) {
      problems.add(
          new ConfigProblem(
              "name", "at most " + MAX_NAME_LENGTH + " characters, without control characters"));
    }
    ChannelSender sender = senders.get(target.channel());
    if (sender == null) {
      problems.add(
          new ConfigProblem(
              "channel",
              target.channel().isEmpty()
                  ? "required; one of " + new TreeSet<>(senders.keySet())
                  : "unknown channel; one of " + new TreeSet<>(senders.keySet())));
    }
    if (target.url() != null) {
      checkUrl(target.url()).ifPresent(problems::add);
    }
    checkProxy(target).ifPresent(problems::add);
    try {
      RateLimit.forTarget(target.config(), List.of());
    } catch (IllegalArgumentException e) {
      problems.add(ConfigProblem.parse(e.getMessage(), "config.rateLimits"));
    }
    if (sender != null) {
      // One problem per field: a URL the guard refused need not also be "not a webhook URL".
      Set<String> named =
          problems.stream()
              .map(ConfigProblem::field)
              .collect(Collectors.toCollection(HashSet::new));
      sender.check(target.destination()).stream()
          .filter(p -> named.add(p.field()))
          .forEach(problems::add);
      // a target's own mention settings go into markup as a binding's do: the same id rules
      MentionRules.inSettings(target.config(), sender.mentionRules()).stream()
          .filter(p -> named.add(p.field()))
          .forEach(problems::add);
    }
    return problems;
  }

  /**
   * The URL's form and the SSRF guard's verdict, given now rather than at the first alert. A host
   * that does not resolve is let through: DNS may be down at this moment, and every send checks
   * again.
   */
  private Optional<ConfigProblem> checkUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return problem("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean web = WEB_SCHEMES.contains(scheme);
    if (!web && !MAIL_SCHEMES.contains(scheme) || uri.getHost() == null) {
      return problem("expected an absolute http(s):// or smtp(s):// URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      return problem("credentials in the URL are not supported; use the secret");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
    try {
      guard.checkPort(uri.getHost(), port, web ? AddressGuard.WEB_PORTS : AddressGuard.MAIL_PORTS);
      guard.resolve(uri.getHost());
    } catch (BlockedAddressException e) {
      return problem(e.getMessage() + " (notifier.egress.allow-hosts admits internal hosts)");
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The proxy's form, and the guard's verdict on it, as for the URL. */
  private Optional<ConfigProblem> checkProxy(Target target) {
    try {
      Optional<ProxySettings> proxy = ProxySettings.of(target.config());
      if (proxy.isPresent()) {
        guard.resolveProxy(proxy.get());
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(ConfigProblem.parse(e.getMessage(), "config.proxy"));
    } catch (BlockedAddressException e) {
      return Optional.of(
          new ConfigProblem(
              "config.proxy",
              e.getMessage() + " (notifier.egress.allow-proxies admits internal proxies)"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      case "smtps" -> 465;
      default -> 587;
    };
  }

  private static Optional<ConfigProblem> problem(String message) {
    return Optional.of(new ConfigProblem("url", message));
  }
}
