package dev.notifier.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any host name and any addresses it may resolve to: the guard either refuses with a reason or
 * returns only addresses that are not internal; any port is admitted or refused, never more. Names
 * resolve to what the fuzzer says, never through DNS, so nothing leaves this machine.
 */
class AddressGuardFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void onlyPublicAddressesPass(FuzzedDataProvider data) throws Exception {
    List<InetAddress> answer = new ArrayList<>();
    int count = data.consumeInt(1, 4);
    for (int i = 0; i < count; i++) {
      int length = data.consumeBoolean() ? 4 : 16;
      answer.add(InetAddress.getByAddress(Arrays.copyOf(data.consumeBytes(length), length)));
    }
    int port = data.consumeInt();
    String host = data.consumeRemainingAsString();
    // every name, literals included, "resolves" to the fuzzer's answer: no DNS is ever asked
    AddressGuard guard = AddressGuard.resolvingWith(name -> answer.toArray(InetAddress[]::new));
    try {
      guard.checkPort(host, port, AddressGuard.WEB_PORTS);
      assertThat(port).isBetween(1, 65535);
    } catch (BlockedAddressException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
    InetAddress[] resolved;
    try {
      resolved = guard.resolve(host);
    } catch (BlockedAddressException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    } catch (UnknownHostException unknown) {
      return;
    }
    for (InetAddress address : resolved) {
      assertThat(InternalAddresses.reason(address)).as(address.toString()).isNull();
    }
  }
}
