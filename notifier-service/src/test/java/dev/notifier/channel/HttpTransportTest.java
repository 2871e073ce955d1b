package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the transport makes of replies that are legal but odd, from a server written by hand. */
class HttpTransportTest {

  @Test
  void aReplyWithOneHeaderInTwoCasesAndAnUnknownCharsetIsStillRead() throws Exception {
    String reply =
        "HTTP/1.1 429 Too Many Requests\r\n"
            + "Retry-After: 7\r\n"
            + "retry-after: 9\r\n"
            + "Content-Type: application/json; charset=x-no-such-charset\r\n"
            + "Content-Length: 2\r\n"
            + "Connection: close\r\n\r\n{}";
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpTransport http =
            new HttpTransport(
                new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                AddressGuard.allowing("127.0.0.1"))) {
      Thread.ofVirtual().start(() -> answerOnce(server, reply));
      Destination target =
          new Destination(1, "t", "http://127.0.0.1:" + server.getLocalPort() + "/send", null);

      SendOutcome outcome =
          new AnySuccessSender(http)
              .send(target, new Message("t", Level.INFO, List.of(), "f", Map.of()));

      assertThat(outcome)
          .isInstanceOfSatisfying(
              Failed.class,
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
                assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
              });
    }
  }

  @Test
  void aPlatformThatDripsItsAnswerIsCutOffAtTheRequestDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpTransport http =
            new HttpTransport(
                new ChannelProperties(Duration.ofSeconds(1), Duration.ofMillis(800)),
                AddressGuard.allowing("127.0.0.1"))) {
      // a header every 300 ms keeps each read inside the socket timeout, for 6 s in all
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = server.accept()) {
                  OutputStream out = s.getOutputStream();
                  out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
                  for (int i = 0; i < 20; i++) {
                    Thread.sleep(300);
                    out.write(("X-Drip-" + i + ": x\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                  }
                } catch (Exception e) {
                  // the client hung up, as it should
                }
              });
      Destination target =
          new Destination(1, "t", "http://127.0.0.1:" + server.getLocalPort() + "/send", null);

      long start = System.nanoTime();
      SendOutcome outcome =
          new AnySuccessSender(http)
              .send(target, new Message("t", Level.INFO, List.of(), "f", Map.of()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(outcome)
          .isInstanceOfSatisfying(
              Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
      assertThat(took).isLessThan(Duration.ofSeconds(4));
    }
  }

  private static void answerOnce(ServerSocket server, String reply) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[8192];
      String request = "";
      while (!request.contains("\r\n\r\n{")) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        request += new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
      }
      OutputStream out = s.getOutputStream();
      out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // the client reports what it did not get
    }
  }
}
