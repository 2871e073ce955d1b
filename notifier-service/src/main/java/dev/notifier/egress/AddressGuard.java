package dev.notifier.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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
 * Hosts and blocks on the allow-list are admitted.
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

  private final Set<String> allowedNames;
  private final List<AddressBlock> allowedBlocks;

  @Autowired
  public AddressGuard(EgressProperties properties) {
    List<AddressBlock> blocks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String entry : properties.allowHosts()) {
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
  }

  /** A guard with this allow-list, for tests and tools. */
  public static AddressGuard allowing(String... entries) {
    return new AddressGuard(new EgressProperties(List.of(entries)));
  }

  /**
   * Refuses a port that is neither one of {@code lowPorts} nor an ordinary high port, unless the
   * host is allow-listed by name.
   */
  public void checkPort(String host, int port, Set<Integer> lowPorts)
      throws BlockedAddressException {
    if (allowedNames.contains(normalise(host))) {
      return;
    }
    if (port < 1024 ? !lowPorts.contains(port) : DANGEROUS_PORTS.contains(port) || port > 65535) {
      throw new BlockedAddressException("port " + port + " is not allowed for a target");
    }
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
    InetAddress[] addresses = InetAddress.getAllByName(name);
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
