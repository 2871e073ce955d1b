package dev.notifier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.bbottema.javasocksproxyserver.SocksServer;

/**
 * A real SOCKS5 proxy (java-socks-proxy-server) on 127.0.0.1 that counts the connections it took.
 */
public final class SocksProxyStandIn implements AutoCloseable {

  private final SocksServer server;
  private final int port;
  private final AtomicInteger connections = new AtomicInteger();

  public SocksProxyStandIn() {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = new SocksServer(port).setFactory(new CountingFactory());
    server.start();
  }

  public int port() {
    return port;
  }

  public int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class CountingFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int p) throws IOException {
      ServerSocket socket =
          new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
              Socket accepted = super.accept();
              connections.incrementAndGet();
              return accepted;
            }
          };
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
      return socket;
    }

    @Override
    public ServerSocket createServerSocket(int p, int backlog) throws IOException {
      return createServerSocket(p);
    }

    @Override
    public ServerSocket createServerSocket(int p, int backlog, InetAddress address)
        throws IOException {
      return createServerSocket(p);
    }
  }
}
