package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.EgressProperties;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.HttpProxyStandIn;
import dev.notifier.testing.SocksProxyStandIn;
import dev.notifier.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-target proxies against a real HTTP proxy and a real SOCKS5 proxy: the message goes through
 * the proxy, a proxy that cannot be reached falls back to a direct connection only when the target
 * asks for it, and an answer that came through the proxy is final.
 */
class ProxyTest {

  private final ChatStandIn platform = new ChatStandIn();
  private final HttpTransport http =
      new HttpTransport(
          new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
          AddressGuard.allowing(List.of("127.0.0.1"), List.of("127.0.0.1")));
  private final ChannelSender sender = new AnySuccessSender(http);

  @AfterEach
  void close() {
    http.close();
    platform.close();
  }

  @Test
  void throughAnHttpProxy() {
    try (HttpProxyStandIn proxy = new HttpProxyStandIn()) {
      assertThat(send(Map.of("proxy", "http://127.0.0.1:" + proxy.port())))
          .isEqualTo(SendOutcome.delivered());
      assertThat(proxy.handled()).isEqualTo(1);
      assertThat(platform.accepted().getFirst().headers()).containsKey("Via");
    }
  }

  @Test
  void anHttpsPlatformThroughAnHttpProxysTunnel() {
    try (ChatStandIn tlsPlatform = new ChatStandIn(TestCertificates.server());
        HttpProxyStandIn proxy = new HttpProxyStandIn();
        HttpTransport trusting = trustingTestCertificates()) {
      Destination target =
          ChannelConfigs.destination(
              sender,
              1,
              "t",
              tlsPlatform.url("/send?key=k"),
              null,
              Map.of("proxy", "http://127.0.0.1:" + proxy.port()));
      assertThat(target.requireUrl()).startsWith("https://");

      assertThat(new AnySuccessSender(trusting).send(target, message()))
          .isEqualTo(SendOutcome.delivered());
      assertThat(proxy.handled()).isEqualTo(1); // the CONNECT
      assertThat(tlsPlatform.accepted()).hasSize(1);
      // end to end encrypted: the proxy could not add its Via header
      assertThat(tlsPlatform.accepted().getFirst().headers()).doesNotContainKey("Via");
    }
  }

  @Test
  void throughAnHttpsProxy() {
    try (HttpProxyStandIn proxy = new HttpProxyStandIn(true);
        HttpTransport trusting = trustingTestCertificates()) {
      SendOutcome outcome =
          new AnySuccessSender(trusting)
              .send(destination(Map.of("proxy", "https://127.0.0.1:" + proxy.port())), message());
      assertThat(outcome).isEqualTo(SendOutcome.delivered());
      assertThat(proxy.handled()).isEqualTo(1);
      assertThat(platform.accepted().getFirst().headers()).containsKey("Via");
    }
  }

  @Test
  void throughASocks5Proxy() {
    try (SocksProxyStandIn proxy = new SocksProxyStandIn()) {
      assertThat(send(Map.of("proxy", "socks5://127.0.0.1:" + proxy.port())))
          .isEqualTo(SendOutcome.delivered());
      assertThat(proxy.connections()).isEqualTo(1);
      assertThat(platform.accepted()).hasSize(1);
    }
  }

  @Test
  void aProxyTheGuardRefusesIsNeverConnectedTo() {
    try (HttpProxyStandIn proxy = new HttpProxyStandIn();
        SocksProxyStandIn socks = new SocksProxyStandIn();
        HttpTransport targetsOnly =
            new HttpTransport(
                new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                AddressGuard.allowing("127.0.0.1"))) {
      for (String via :
          List.of(
              "http://127.0.0.1:" + proxy.port(),
              "https://127.0.0.1:" + proxy.port(),
              "socks5://127.0.0.1:" + socks.port())) {
        assertThat(
                new AnySuccessSender(targetsOnly)
                    .send(destination(Map.of("proxy", via)), message()))
            .as(via)
            .isInstanceOfSatisfying(
                Failed.class,
                f -> {
                  assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG);
                  assertThat(f.disposition()).isEqualTo(SendOutcome.Disposition.PERMANENT);
                  assertThat(f.detail()).contains("proxy", "loopback");
                });
      }
      assertThat(proxy.handled()).isZero();
      assertThat(socks.connections()).isZero();
      assertThat(platform.all()).isEmpty();
    }
  }

  /**
   * The guard answers a loopback address the system's resolver does not give for the name; the
   * message arrives only if the client connects where the guard said, without resolving again.
   */
  @Test
  void theProxyIsReachedAtTheAddressTheGuardChecked() throws Exception {
    InetAddress checked = InetAddress.getByName("127.0.0.2");
    AddressGuard rebinding =
        new AddressGuard(new EgressProperties(List.of("127.0.0.1"), List.of("localhost"))) {
          @Override
          public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            return host.equals("localhost") ? new InetAddress[] {checked} : super.resolve(host);
          }

          @Override
          public AddressGuard proxies() {
            return this;
          }
        };
    try (HttpProxyStandIn proxy = new HttpProxyStandIn(false, "127.0.0.2");
        HttpTransport pinned =
            new HttpTransport(
                new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)), rebinding)) {
      assertThat(
              new AnySuccessSender(pinned)
                  .send(
                      destination(Map.of("proxy", "http://localhost:" + proxy.port())), message()))
          .isEqualTo(SendOutcome.delivered());
      assertThat(proxy.handled()).isEqualTo(1);
    }
  }

  @Test
  void aSocks5ProxyCannotCarryAMessageToAnAddressTheGuardRefuses() {
    try (SocksProxyStandIn proxy = new SocksProxyStandIn();
        HttpTransport strict =
            new HttpTransport(
                new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                AddressGuard.allowing(List.of(), List.of("127.0.0.1")))) {
      SendOutcome outcome =
          new AnySuccessSender(strict)
              .send(destination(Map.of("proxy", "socks5://127.0.0.1:" + proxy.port())), message());
      assertThat(outcome)
          .isInstanceOfSatisfying(
              Failed.class, f -> assertThat(f.detail()).contains("SSRF guard", "loopback"));
      assertThat(proxy.connections()).isZero();
    }
  }

  @Test
  void anUnreachableProxyFallsBackToADirectConnectionWhenAsked() throws IOException {
    int closed = closedPort();
    Map<String, Object> config = new HashMap<>();
    config.put("proxy", "socks5://127.0.0.1:" + closed);
    config.put("proxyFallback", true);

    assertThat(send(config)).isEqualTo(SendOutcome.delivered());
    assertThat(platform.accepted()).hasSize(1);
  }

  @Test
  void anUnreachableProxyWithoutFallbackIsAConnectionError() throws IOException {
    SendOutcome outcome = send(Map.of("proxy", "http://127.0.0.1:" + closedPort()));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION_ERROR);
              assertThat(f.disposition()).isEqualTo(SendOutcome.Disposition.RETRYABLE);
            });
    assertThat(platform.all()).isEmpty();
  }

  @Test
  void anErrorThatCameThroughTheProxyIsAnAnswerNotAReasonToGoDirect() {
    platform.respond(r -> Reply.status(500, "platform down"));
    try (HttpProxyStandIn proxy = new HttpProxyStandIn()) {
      Map<String, Object> config = new HashMap<>();
      config.put("proxy", "http://127.0.0.1:" + proxy.port());
      config.put("proxyFallback", true);

      assertThat(send(config))
          .isInstanceOfSatisfying(
              Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.SERVER_ERROR));
      assertThat(platform.all()).hasSize(1);
      assertThat(platform.all().getFirst().headers()).containsKey("Via");
    }
  }

  @Test
  void aMalformedProxySettingIsNamed() {
    assertThat(bind(Map.of("proxy", "ftp://proxy.example.com:21")))
        .isInstanceOfSatisfying(
            ChannelConfigs.Invalid.class,
            i -> assertThat(i.detail()).startsWith("config.proxy: expected http://host:port"));
  }

  @Test
  void proxyCredentialsAreRefusedWithoutBeingRepeated() {
    assertThat(bind(Map.of("proxy", "socks5://ops:hunter2-proxy@127.0.0.1:1080")))
        .isInstanceOfSatisfying(
            ChannelConfigs.Invalid.class,
            i -> assertThat(i.detail()).contains("credentials").doesNotContain("hunter2"));
    assertThat(platform.all()).isEmpty();
  }

  /** The settings as a stored target's are read for sending. */
  private ChannelConfigs.Bound bind(Map<String, Object> config) {
    return ChannelConfigs.bind(
        ChannelConfigs.Reading.SEND, sender, 1, "t", platform.url("/send?key=k"), null, config);
  }

  private SendOutcome send(Map<String, Object> config) {
    return sender.send(destination(config), message());
  }

  private Destination destination(Map<String, Object> config) {
    return ChannelConfigs.destination(sender, 1, "t", platform.url("/send?key=k"), null, config);
  }

  private static HttpTransport trustingTestCertificates() {
    return new HttpTransport(
        new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        AddressGuard.allowing(List.of("127.0.0.1"), List.of("127.0.0.1")),
        TestCertificates.client());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Message message() {
    return new Message(
        "Title",
        Level.INFO,
        List.of(new Block.Highlight(List.of(Span.plain("hi")))),
        "f",
        Map.of());
  }
}
