package dev.notifier.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard. A target's host is resolved here and every address it resolves to is checked;
 * clients connect to the addresses this returns, so a name that resolves to something else a moment
 * later (DNS rebinding) gains nothing. Loopback, private, link-local, carrier-grade NAT, cloud
 * metadata, multicast and reserved ranges are refused, in IPv4 and IPv6 and in IPv4 hidden inside
 * IPv6 (mapped, compatible, NAT64, 6to4, Teredo); so are numeric hosts written in anything but
 * plain dotted decimal, since other parsers read {@code 0177.1} or {@code 2130706433} as loopback.
 * Hosts and blocks on the allow-list are admitted. A target's proxy passes a guard of its own, with
 * its own allow-list, since an operator's internal proxy is no reason to let targets reach the
 * intranet.
 */
@Component
public class AddressGuard {

  /** Ports of databases, caches, brokers and cluster controls, above 1023, never a webhook. */
  static final Set<Integer> DANGEROUS_PORTS =
      Set.of(
          1080, 1883, 2049, 2375, 2376, 2379, 2380, 3306, 3389, 4222, 5432, 5672, 5900, 5984, 6379,
          6443, 8500, 9042, 9092, 9200, 9300, 10250, 10255, 11211, 15672, 27017, 28017, 50070);

  /** Web ports below 1024 an HTTP target may use. */
  public static final Set<Integer> WEB_PORTS = Set.of(80, 443);

  /** Mail ports below 1024 an SMTP target may use. */
  public static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587);

  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*");
  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

  /** Name resolution, the system's in service; a test's own where no DNS may be asked. */
  interface Resolver {
    InetAddress[] resolve(String name) throws UnknownHostException;
  }

  private final Resolver resolver;
  private final Set<String> allowedNames;
  private final List<AddressBlock> allowedBlocks;
  private final Set<Integer> dangerousPorts;
  private final AddressGuard proxies;

  @Autowired
  public AddressGuard(EgressProperties properties) {
    this(properties.allowHosts(), properties.allowProxies(), InetAddress::getAllByName);
  }

  private AddressGuard(
      List<String> allowHosts, @Nullable List<String> allowProxies, Resolver resolver) {
    this.resolver = resolver;
    List<AddressBlock> blocks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String entry : allowHosts) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.contains("/") || e.contains(":") || CANONICAL_IPV4.matcher(e).matches()) {
        blocks.add(AddressBlock.parse(e));
      } else {
        names.add(stripDot(e));
      }
    }
    this.allowedNames = Set.copyOf(names);
    this.allowedBlocks = List.copyOf(blocks);
    boolean forProxies = allowProxies == null;
    // 1080 is SOCKS's own port: dangerous for a target, expected of a proxy.
    this.dangerousPorts =
        forProxies
            ? DANGEROUS_PORTS.stream().filter(p -> p != 1080).collect(Collectors.toSet())
            : DANGEROUS_PORTS;
    this.proxies = allowProxies == null ? this : new AddressGuard(allowProxies, null, resolver);
  }

  /** A guard with this allow-list for targets and none for proxies, for tests and tools. */
  public static AddressGuard allowing(String... entries) {
    return new AddressGuard(List.of(entries), List.of(), InetAddress::getAllByName);
  }

  /** A guard that asks {@code resolver} instead of DNS, for tests that must not leave the host. */
  static AddressGuard resolvingWith(Resolver resolver, String... entries) {
    return new AddressGuard(List.of(entries), List.of(), resolver);
  }

  /** A guard with these allow-lists for targets and for their proxies. */
  public static AddressGuard allowing(List<String> hosts, List<String> proxies) {
    return new AddressGuard(hosts, proxies, InetAddress::getAllByName);
  }

  /** The guard a target's proxy passes: the same rules, the proxies' allow-list. */
  public AddressGuard proxies() {
    return proxies;
  }

  /**
   * Refuses a port that is neither one of {@code lowPorts} nor an ordinary high port, unless the
   * host is allow-listed by name.
   */
  public void checkPort(String host, int port, Set<Integer> lowPorts)
      throws BlockedAddressException {
    if (port < 1 || port > 65535) {
      throw new BlockedAddressException("port " + port + " is not a port a server listens on");
    }
    if (allowedNames.contains(normalise(host))) {
      return;
    }
    if (port < 1024 ? !lowPorts.contains(port) : dangerousPorts.contains(port)) {
      throw new BlockedAddressException("port " + port + " is not allowed for a target");
    }
  }

  /**
   * The address to connect to for a target's proxy: its port and every address it resolves to
   * checked by {@link #proxies()}, so the proxy can be neither an internal service nor a name that
   * resolves to one later.
   */
  public InetAddress resolveProxy(ProxySettings proxy) throws UnknownHostException {
    AddressGuard guard = proxies();
    guard.checkPort(proxy.host(), proxy.port(), WEB_PORTS);
    return guard.resolve(proxy.host())[0];
  }

  /** Every address of {@code host}, each one checked; refused with the reason otherwise. */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String name = normalise(host);
    if (name.isEmpty()) {
      throw new BlockedAddressException("no host");
    }
    boolean allowedByName = allowedNames.contains(name);
    if (!allowedByName) {
      refuseNames(name);
    }
    InetAddress[] addresses = resolver.resolve(name);
    if (allowedByName) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      String reason = InternalAddresses.reason(address);
      if (reason != null && allowedBlocks.stream().noneMatch(b -> b.contains(address))) {
        throw new BlockedAddressException(
            "host " + name + " resolves to " + address.getHostAddress() + ", " + reason);
      }
    }
    return addresses;
  }

  private static void refuseNames(String name) throws BlockedAddressException {
    if (name.contains("%")) {
      // A zone id picks the interface of a link-local address: never a public platform.
      throw new BlockedAddressException("host " + name + " names a network interface (zone id)");
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      throw new BlockedAddressException("host " + name + " is loopback");
    }
    if (name.equals("metadata.google.internal") || name.equals("metadata")) {
      throw new BlockedAddressException("host " + name + " is a cloud metadata service");
    }
    if (NUMERIC_HOST.matcher(name).matches() && !CANONICAL_IPV4.matcher(name).matches()) {
      throw new BlockedAddressException(
          "host " + name + " is an IP address in a non-canonical form (decimal, octal or hex)");
    }
  }

  /** Lower case, without IPv6 brackets or the root's trailing dot. */
  private static String normalise(@Nullable String host) {
    if (host == null) {
      return "";
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return stripDot(h);
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
