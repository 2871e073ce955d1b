package dev.notifier.channel.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for a mail connection made to the checked address rather than the server's name: Jakarta Mail
 * is given the address to connect to, so it never resolves the name again, and this factory puts
 * the name back where TLS needs it, in the SNI and in the certificate check (done by the JDK, as
 * for HTTPS). Jakarta Mail only ever asks it to layer TLS over a socket it connected itself.
 */
final class PinnedTls extends SSLSocketFactory {

  private final SSLSocketFactory tls;
  private final String hostName;

  PinnedTls(SSLSocketFactory tls, String hostName) {
    this.tls = tls;
    this.hostName = hostName;
  }

  @Override
  public Socket createSocket(Socket connected, String address, int port, boolean autoClose)
      throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket(connected, hostName, port, autoClose);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!isAddressLiteral(hostName)) {
      parameters.setServerNames(java.util.List.of(new SNIHostName(hostName)));
    }
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static boolean isAddressLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw unpinned();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    throw unpinned();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw unpinned();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    throw unpinned();
  }

  private static SocketException unpinned() {
    return new SocketException("mail connections are made to a checked address only");
  }
}
