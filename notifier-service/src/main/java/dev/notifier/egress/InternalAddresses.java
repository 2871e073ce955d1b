package dev.notifier.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses are not the public internet, and why: RFC 6890's special-purpose registries,
 * cloud metadata endpoints, and IPv4 addresses carried inside IPv6 ones.
 */
final class InternalAddresses {

  private InternalAddresses() {}

  /** Why {@code address} is internal, or null when it is a public unicast address. */
  static @Nullable String reason(InetAddress address) {
    byte[] a = address.getAddress();
    return address instanceof Inet4Address ? ipv4(a) : ipv6(a);
  }

  private static @Nullable String ipv4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 169 && b1 == 254 && b2 == 169 && (a[3] & 0xff) == 254) {
      return "a cloud metadata address";
    }
    if (b0 == 100 && b1 == 100 && b2 == 100 && (a[3] & 0xff) == 200) {
      return "a cloud metadata address";
    }
    if (b0 == 0) return "the unspecified network";
    if (b0 == 127) return "loopback";
    if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
      return "a private address";
    }
    if (b0 == 100 && b1 >= 64 && b1 <= 127) return "carrier-grade NAT";
    if (b0 == 169 && b1 == 254) return "link-local";
    if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) return "reserved";
    if (b0 == 192 && b1 == 88 && b2 == 99) return "reserved";
    if (b0 == 198 && (b1 == 18 || b1 == 19)) return "reserved";
    if ((b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return "reserved";
    }
    if (b0 >= 224 && b0 <= 239) return "multicast";
    if (b0 >= 240) return "reserved";
    return null;
  }

  private static @Nullable String ipv6(byte[] a) {
    if (allZero(a, 0, 15)) {
      return a[15] == 0 ? "the unspecified address" : a[15] == 1 ? "loopback" : "reserved";
    }
    // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped): the IPv4 address decides
    if (allZero(a, 0, 10) && ((a[10] == 0 && a[11] == 0) || (a[10] == -1 && a[11] == -1))) {
      return embedded(a, 12);
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    // 64:ff9b::/96 NAT64 and 64:ff9b:1::/48 local NAT64
    if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
      return allZero(a, 4, 12) ? embedded(a, 12) : "reserved (local NAT64)";
    }
    if (b0 == 0x20 && b1 == 0x02) return embedded(a, 2); // 6to4
    if (b0 == 0x20 && b1 == 0x01 && a[2] == 0 && a[3] == 0) {
      return "a Teredo tunnel address";
    }
    if (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
      return "reserved (documentation)";
    }
    if (b0 == 0x01 && b1 == 0x00 && allZero(a, 2, 8)) return "reserved (discard)";
    if ((b0 & 0xfe) == 0xfc) return "a unique local (private) address";
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return "link-local";
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return "site-local";
    if (b0 == 0xff) return "multicast";
    return null;
  }

  private static @Nullable String embedded(byte[] a, int from) {
    try {
      String inner = ipv4(Arrays.copyOfRange(a, from, from + 4));
      return inner == null ? null : inner + " inside an IPv6 address";
    } catch (RuntimeException e) {
      return "reserved";
    }
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static boolean samePrefix(byte[] a, byte[] prefix, int bits) {
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) {
      if (a[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[whole] & mask) == (prefix[whole] & mask);
  }
}
