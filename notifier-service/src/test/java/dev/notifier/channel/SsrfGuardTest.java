package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.testing.ChatStandIn;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSRF guard as a delivery meets it: hostile target URLs are refused before any connection,
 * permanently and with the reason, and the allow-list admits a real local server.
 */
class SsrfGuardTest {

  private final ChannelProperties timeouts =
      new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(1));
  private final HttpTransport guarded = new HttpTransport(timeouts, AddressGuard.allowing());
  private final ChatStandIn platform = new ChatStandIn();

  @AfterEach
  void close() {
    guarded.close();
    platform.close();
  }

  static Stream<Arguments> hostileUrls() {
    return Stream.of(
        Arguments.of("http://127.0.0.1/send", "loopback"),
        Arguments.of("http://127.1/send", "non-canonical"),
        Arguments.of("http://2130706433/send", "non-canonical"),
        Arguments.of("http://0x7f000001/send", "non-canonical"),
        Arguments.of("http://0177.0.0.1/send", "non-canonical"),
        Arguments.of("http://0x7f.0.0.1/send", "non-canonical"),
        Arguments.of("http://017700000001/send", "non-canonical"),
        Arguments.of("http://0/send", "non-canonical"),
        Arguments.of("http://localhost/send", "loopback"),
        Arguments.of("http://LOCALHOST./send", "loopback"),
        Arguments.of("http://api.localhost/send", "loopback"),
        Arguments.of("http://[::1]/send", "loopback"),
        Arguments.of("http://[::]/send", "unspecified"),
        Arguments.of("http://0.0.0.0/send", "unspecified"),
        Arguments.of("http://[::ffff:127.0.0.1]/send", "loopback"),
        Arguments.of("http://[::ffff:7f00:1]/send", "loopback"),
        Arguments.of("http://[::127.0.0.1]/send", "loopback"),
        Arguments.of("http://[0:0:0:0:0:ffff:169.254.169.254]/latest", "metadata"),
        Arguments.of("http://169.254.169.254/latest/meta-data/", "metadata"),
        Arguments.of("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        Arguments.of("http://100.100.100.200/latest/meta-data/", "metadata"),
        Arguments.of("http://[fd00:ec2::254]/latest/meta-data/", "unique local"),
        Arguments.of("http://169.254.1.1/", "link-local"),
        Arguments.of("http://10.0.0.1/send", "private"),
        Arguments.of("http://172.16.5.4/send", "private"),
        Arguments.of("http://172.31.255.255/send", "private"),
        Arguments.of("http://192.168.1.1/send", "private"),
        Arguments.of("http://100.64.0.1/send", "carrier-grade NAT"),
        Arguments.of("http://[fe80::1]/send", "link-local"),
        Arguments.of("http://[fc00::1]/send", "unique local"),
        Arguments.of("http://[64:ff9b::7f00:1]/send", "loopback inside an IPv6"),
        Arguments.of("http://[2002:c0a8:101::]/send", "private address inside an IPv6"),
        Arguments.of("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/send", "Teredo"),
        Arguments.of("http://[::ffff:10.0.0.1]:8080/send", "private"),
        Arguments.of("http://224.0.0.1/send", "multicast"),
        Arguments.of("http://255.255.255.255/send", "reserved"),
        Arguments.of("http://198.18.0.1/send", "reserved"),
        Arguments.of("https://example.com:22/send", "port 22"),
        Arguments.of("http://example.com:25/send", "port 25"),
        Arguments.of("http://example.com:6379/send", "port 6379"),
        Arguments.of("http://example.com:5432/send", "port 5432"),
        Arguments.of("http://example.com:3306/send", "port 3306"),
        Arguments.of("http://example.com:2375/containers/json", "port 2375"),
        Arguments.of("ftp://example.com/send", "http or https"),
        Arguments.of("file:///etc/passwd", "http or https"),
        Arguments.of("gopher://127.0.0.1:6379/_INFO", "http or https"),
        Arguments.of("http://example.com:0/send", "port 0"),
        Arguments.of("https://example.com:0/send", "port 0"),
        Arguments.of("http://[fe80::1%25eth0]/send", "zone id"),
        Arguments.of("http://[fe80::1%25eth0]:8080/send", "zone id"),
        Arguments.of("https://user:pass@example.com/send", "credentials"),
        Arguments.of("https://key@example.com/send", "credentials"));
  }

  /** Proxies an attacker might name to reach inside; none may be connected to. */
  static Stream<Arguments> hostileProxies() {
    return Stream.of(
        Arguments.of("http://127.0.0.1:3128", "loopback"),
        Arguments.of("https://127.0.0.1:8443", "loopback"),
        Arguments.of("socks5://127.0.0.1:1080", "loopback"),
        Arguments.of("http://localhost:3128", "loopback"),
        Arguments.of("http://[::1]:3128", "loopback"),
        Arguments.of("http://10.0.0.1:3128", "private"),
        Arguments.of("socks5://192.168.1.1:1080", "private"),
        Arguments.of("http://169.254.169.254:80", "metadata"),
        Arguments.of("http://metadata.google.internal:80", "metadata"),
        Arguments.of("http://[::ffff:127.0.0.1]:3128", "loopback"),
        Arguments.of("http://2130706433:3128", "non-canonical"),
        Arguments.of("http://[fe80::1%25eth0]:3128", "zone id"),
        Arguments.of("http://proxy.example.com:0", "port 0"),
        Arguments.of("http://proxy.example.com:6379", "port 6379"),
        Arguments.of("http://proxy.example.com:22", "port 22"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileProxies")
  void aHostileProxyIsRefusedWithItsReason(String proxy, String reason) {
    Destination target =
        ChannelConfigs.destination(
            new AnySuccessSender(guarded),
            1,
            "t",
            "https://example.com/send",
            null,
            Map.of("proxy", proxy));
    Message message = new Message("t", Level.INFO, List.of(), "f", Map.of());
    SendOutcome outcome = new AnySuccessSender(guarded).send(target, message);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(Disposition.PERMANENT);
              assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG);
              assertThat(f.detail()).contains("proxy").containsIgnoringCase(reason);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileUrls")
  void aHostileUrlIsRefusedWithItsReason(String url, String reason) {
    SendOutcome outcome = post(guarded, url);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(Disposition.PERMANENT);
              assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG);
              assertThat(f.detail()).containsIgnoringCase(reason);
            });
  }

  @Test
  void aLocalPlatformIsRefusedUntilTheAllowListAdmitsIt() {
    platform.respond(r -> ChatStandIn.WECOM_OK);
    String url = platform.url("/send");

    assertThat(post(guarded, url))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.detail()).contains("loopback"));
    assertThat(platform.all()).isEmpty();

    try (HttpTransport admitting =
        new HttpTransport(timeouts, AddressGuard.allowing("127.0.0.0/8"))) {
      assertThat(post(admitting, url)).isEqualTo(SendOutcome.delivered());
    }
    assertThat(platform.accepted()).hasSize(1);
  }

  @Test
  void thisMachinesOwnNameIsRefusedWhenItResolvesInside() throws Exception {
    String name = InetAddress.getLocalHost().getHostName();
    InetAddress[] addresses = InetAddress.getAllByName(name);
    Assumptions.assumeTrue(
        Stream.of(addresses).allMatch(a -> a.isLoopbackAddress() || a.isSiteLocalAddress()),
        "this machine's name resolves to a public address");
    assertThat(post(guarded, "http://" + name + ":8080/send"))
        .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.detail()).contains("resolves to"));
  }

  @Test
  void redirectsAreNotFollowed() {
    platform.respond(
        r -> new ChatStandIn.Reply(302, "", Map.of("Location", "http://169.254.169.254/")));
    try (HttpTransport admitting =
        new HttpTransport(timeouts, AddressGuard.allowing("127.0.0.1"))) {
      SendOutcome outcome = post(admitting, platform.url("/send"));
      assertThat(outcome).isInstanceOf(Failed.class);
    }
    assertThat(platform.all()).hasSize(1);
  }

  private static SendOutcome post(HttpTransport http, String url) {
    Destination target = new Destination(1, "t", url, null);
    Message message = new Message("t", Level.INFO, List.of(), "f", Map.of());
    return new AnySuccessSender(http).send(target, message);
  }
}
