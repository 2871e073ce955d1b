package dev.notifier.admin;

import dev.notifier.binding.Target;
import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Channels;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.MentionRules;
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

  private final Channels channels;
  private final AddressGuard guard;

  TargetRules(Channels channels, AddressGuard guard) {
    this.channels = channels;
    this.guard = guard;
  }

  Optional<ChannelSender> sender(String channel) {
    return channels.sender(channel);
  }

  /** The target as its sender would see it, when its settings bind. */
  Optional<Destination> destination(Target target) {
    return target.bind(channels, ChannelConfigs.Reading.SAVE) instanceof ChannelConfigs.Ok ok
        ? Optional.of(ok.destination())
        : Optional.empty();
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
    // One problem per field: a URL the guard refused need not also be "not a webhook URL".
    Set<String> named = new HashSet<>();
    problems.forEach(p -> named.add(p.field()));
    if (target.url() != null) {
      checkUrl(target.url()).filter(p -> named.add(p.field())).ifPresent(problems::add);
    }
    checkProxy(target).filter(p -> named.add(p.field())).ifPresent(problems::add);
    switch (target.bind(channels, ChannelConfigs.Reading.SAVE)) {
      case ChannelConfigs.Ok ok -> {
        ChannelSender sender = channels.sender(target.channel()).orElseThrow();
        sender.check(ok.destination()).stream()
            .filter(p -> named.add(p.field()))
            .forEach(problems::add);
        // a target's own mention settings go into markup as a binding's do: the same id rules
        MentionRules.inSettings(target.config(), sender.mentionRules()).stream()
            .filter(p -> named.add(p.field()))
            .forEach(problems::add);
      }
      case ChannelConfigs.Invalid invalid -> {
        invalid.problems().stream().filter(p -> named.add(p.field())).forEach(problems::add);
        // the address and secret are worth checking even so, on the target without its settings
        addressProblems(target).stream().filter(p -> named.add(p.field())).forEach(problems::add);
      }
    }
    return problems;
  }

  /**
   * What the channel finds wrong with the target's address and secret, judged with none of its own
   * settings (whose problems would be about settings it lacks, not the ones sent). None for an
   * unknown channel, which is a problem of its own.
   */
  private List<ConfigProblem> addressProblems(Target target) {
    Target bare =
        new Target(
            target.id(),
            target.name(),
            target.channel(),
            target.url(),
            target.secret(),
            Map.of(),
            target.enabled());
    if (!(bare.bind(channels, ChannelConfigs.Reading.SEND) instanceof ChannelConfigs.Ok ok)) {
      return List.of();
    }
    return channels.sender(target.channel()).orElseThrow().check(ok.destination()).stream()
        .filter(p -> !p.field().startsWith("config."))
        .toList();
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
