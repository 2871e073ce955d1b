package dev.notifier.channel;

import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.ProxySettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP clients deliveries go through: one direct, one per distinct proxy, each with its own
 * pool of kept-alive connections. A client resolves hosts through the SSRF guard wherever it
 * resolves the platform's host itself (direct, and through SOCKS, where the proxy is handed an
 * address); a proxy itself is reached at the address the guard checked.
 */
final class HttpClientPool implements AutoCloseable {

  private final ChannelProperties properties;
  private final AddressGuard guard;
  private final SSLContext tls;
  private final CloseableHttpClient direct;
  private final ConcurrentHashMap<String, CloseableHttpClient> proxied = new ConcurrentHashMap<>();

  HttpClientPool(ChannelProperties properties, AddressGuard guard, SSLContext tls) {
    this.properties = properties;
    this.guard = guard;
    this.tls = tls;
    this.direct = build(guardedResolver(), SocketConfig.DEFAULT, null);
  }

  CloseableHttpClient direct() {
    return direct;
  }

  /**
   * The client for {@code proxy} at {@code address}, the one the guard checked: one per address, so
   * a proxy whose name later resolves elsewhere is checked again rather than followed.
   */
  CloseableHttpClient via(ProxySettings proxy, InetAddress address) {
    return proxied.computeIfAbsent(
        proxy.display() + "@" + address.getHostAddress(), key -> build(proxy, address));
  }

  private CloseableHttpClient build(ProxySettings proxy, InetAddress address) {
    if (proxy.isSocks()) {
      SocketConfig socks =
          SocketConfig.custom()
              .setSocksProxyAddress(new InetSocketAddress(address, proxy.port()))
              .build();
      return build(guardedResolver(), socks, null);
    }
    // The client connects to the address given with the proxy's host, never resolving it again;
    // the name stays for an https proxy's certificate.
    return build(
        pinnedTo(address),
        SocketConfig.DEFAULT,
        new HttpHost(proxy.scheme(), address, proxy.host(), proxy.port()));
  }

  private CloseableHttpClient build(
      DnsResolver resolver, SocketConfig socket, @Nullable HttpHost proxy) {
    ConnectionConfig connection =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(properties.connectTimeout()))
            .setSocketTimeout(Timeout.of(properties.requestTimeout()))
            // a platform may close an idle keep-alive connection at any time; check before reuse
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build();
    HttpClientBuilder builder =
        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(resolver)
                    // certificates and host names checked, to the platform and to an https proxy
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                    .setDefaultSocketConfig(socket)
                    .setDefaultConnectionConfig(connection)
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(32)
                    .build())
            // A webhook that redirects is either misconfigured or hostile; we never follow.
            .disableRedirectHandling()
            // Retrying is the delivery stage's decision, made with the platform's answer in hand.
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .evictIdleConnections(TimeValue.ofSeconds(30));
    if (proxy != null) {
      builder.setProxy(proxy);
    }
    return builder.build();
  }

  private DnsResolver guardedResolver() {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolve(host);
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }

  /** The only host such a client resolves is its proxy, and only to the address checked. */
  private static DnsResolver pinnedTo(InetAddress address) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) {
        return new InetAddress[] {address};
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }

  @Override
  public void close() {
    direct.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    proxied.values().forEach(c -> c.close(org.apache.hc.core5.io.CloseMode.GRACEFUL));
  }
}
