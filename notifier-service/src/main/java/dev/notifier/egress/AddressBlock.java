package dev.notifier.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, or one address). */
record AddressBlock(byte[] prefix, int bits) {

  static AddressBlock parse(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] bytes;
    try {
      // only literals reach here (they contain ':' or are dotted decimal), so nothing is looked up
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address block: " + cidr, e);
    }
    int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
    if (bits < 0 || bits > bytes.length * 8) {
      throw new IllegalArgumentException("not an address block: " + cidr);
    }
    return new AddressBlock(bytes, bits);
  }

  boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != prefix.length) {
      return false;
    }
    return InternalAddresses.samePrefix(a, prefix, bits);
  }
}
