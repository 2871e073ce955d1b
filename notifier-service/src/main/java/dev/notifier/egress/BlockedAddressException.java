package dev.notifier.egress;

import java.net.UnknownHostException;

/**
 * A target the guard refuses to connect to. It is an {@link UnknownHostException} so that HTTP and
 * mail clients, which resolve through the guard, fail the connection with it instead of connecting
 * anywhere; the message says why and never holds more of the URL than its host.
 */
public final class BlockedAddressException extends UnknownHostException {

  public BlockedAddressException(String reason) {
    super(reason);
  }
}
