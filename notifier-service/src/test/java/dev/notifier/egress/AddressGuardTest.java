package dev.notifier.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

  @Test
  void publicAddressesPass() throws Exception {
    AddressGuard guard = AddressGuard.allowing();
    assertThat(guard.resolve("8.8.8.8")).hasSize(1);
    assertThat(guard.resolve("[2606:4700:4700::1111]")).hasSize(1);
    assertThat(guard.resolve("1.1.1.1.")).hasSize(1);
  }

  @Test
  void theAllowListTakesNamesAndBlocks() throws Exception {
    AddressGuard guard = AddressGuard.allowing("LocalHost", "10.1.0.0/16", "fd00::/8", "127.0.0.1");
    assertThat(guard.resolve("localhost")).isNotEmpty();
    assertThat(guard.resolve("10.1.2.3")).hasSize(1);
    assertThat(guard.resolve("127.0.0.1")).hasSize(1);
    assertThat(guard.resolve("[fd00::5]")).hasSize(1);
    assertThatThrownBy(() -> guard.resolve("10.2.0.1"))
        .isInstanceOf(BlockedAddressException.class)
        .hasMessageContaining("private");
    assertThatThrownBy(() -> guard.resolve("127.0.0.2")).hasMessageContaining("loopback");
  }

  @Test
  void portsBelow1024AreLimitedToTheProtocolsAndDangerousOnesAlwaysRefused() throws Exception {
    AddressGuard guard = AddressGuard.allowing("relay.internal");
    guard.checkPort("example.com", 443, AddressGuard.WEB_PORTS);
    guard.checkPort("example.com", 8443, AddressGuard.WEB_PORTS);
    guard.checkPort("example.com", 587, AddressGuard.MAIL_PORTS);
    guard.checkPort("relay.internal", 6379, AddressGuard.WEB_PORTS);
    assertThatThrownBy(() -> guard.checkPort("example.com", 587, AddressGuard.WEB_PORTS))
        .hasMessageContaining("port 587");
    assertThatThrownBy(() -> guard.checkPort("example.com", 9200, AddressGuard.WEB_PORTS))
        .hasMessageContaining("port 9200");
  }

  @Test
  void eachRangeSaysWhyItIsInternal() {
    assertThat(InternalAddresses.reason(address("93.184.216.34"))).isNull();
    assertThat(InternalAddresses.reason(address("10.0.0.8"))).isEqualTo("a private address");
    assertThat(InternalAddresses.reason(address("169.254.169.254")))
        .isEqualTo("a cloud metadata address");
    assertThat(InternalAddresses.reason(address("::ffff:192.168.0.1")))
        .isEqualTo("a private address");
    assertThat(InternalAddresses.reason(address("2002:0a00:0001::")))
        .isEqualTo("a private address inside an IPv6 address");
    assertThat(InternalAddresses.reason(address("2606:4700::1111"))).isNull();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
