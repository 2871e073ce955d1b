package dev.notifier.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real HTTP forward proxy (Jetty's): plain requests by absolute URI and CONNECT tunnels. It adds
 * a {@code Via} header to what it forwards and counts what it handled.
 */
public final class HttpProxyStandIn implements AutoCloseable {

  private final Server server = new Server();
  private final ServerConnector connector;
  private final AtomicInteger handled = new AtomicInteger();

  public HttpProxyStandIn() {
    this(false);
  }

  /** With {@code tls}, clients reach the proxy itself over TLS (an https:// proxy). */
  public HttpProxyStandIn(boolean tls) {
    this(tls, "127.0.0.1");
  }

  /** Listening on {@code host}, a loopback address. */
  public HttpProxyStandIn(boolean tls, String host) {
    if (tls) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(TestCertificates.keyStore());
      ssl.setKeyStorePassword(TestCertificates.PASSWORD_TEXT);
      connector = new ServerConnector(server, ssl);
    } else {
      connector = new ServerConnector(server);
    }
    connector.setHost(host);
    server.addConnector(connector);
    ConnectHandler tunnels = new ConnectHandler(new ProxyHandler.Forward());
    server.setHandler(
        new Handler.Wrapper(tunnels) {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            handled.incrementAndGet();
            return super.handle(request, response, callback);
          }
        });
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the HTTP proxy did not start", e);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Requests (and tunnels) the proxy has handled. */
  public int handled() {
    return handled.get();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
