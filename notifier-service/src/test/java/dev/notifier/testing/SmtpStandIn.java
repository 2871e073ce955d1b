package dev.notifier.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) standing in for a mail relay: plain, STARTTLS (offered and
 * required) or TLS from the first byte, with AUTH when it has a user, and refusals on cue. It keeps
 * every message it accepted and every login it saw.
 */
public final class SmtpStandIn implements AutoCloseable {

  /** How the server speaks. */
  public enum Mode {
    PLAIN,
    STARTTLS,
    IMPLICIT_TLS
  }

  /** A refusal: at which command, with which reply. */
  public record Refusal(Stage stage, int code, String text) {
    public enum Stage {
      MAIL_FROM,
      RCPT_TO,
      DATA
    }
  }

  /** A message as delivered: the envelope and the parsed MIME. */
  public record Delivery(String from, List<String> recipients, MimeMessage mime) {}

  private final SMTPServer server;
  private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
  private final List<String> logins = new CopyOnWriteArrayList<>();
  private final AtomicReference<@Nullable Refusal> refusal = new AtomicReference<>();

  public SmtpStandIn(Mode mode, @Nullable String user, @Nullable String password) {
    this(mode, user, password, InetAddress.getLoopbackAddress());
  }

  /** Listening on {@code bind}, a loopback address. */
  public SmtpStandIn(
      Mode mode, @Nullable String user, @Nullable String password, InetAddress bind) {
    SMTPServer.Builder builder =
        SMTPServer.port(0)
            .bindAddress(bind)
            .hostName("localhost")
            .messageHandlerFactory(this::handler);
    if (user != null) {
      builder.authenticationHandlerFactory(
          new EasyAuthenticationHandlerFactory(
              (u, p, ctx) -> {
                logins.add(u);
                if (!u.equals(user) || !p.equals(password)) {
                  throw new LoginFailedException();
                }
              }));
    }
    switch (mode) {
      case PLAIN -> {}
      case STARTTLS ->
          builder.enableTLS().requireTLS().startTlsSocketFactory(TestCertificates.server());
      case IMPLICIT_TLS -> builder.serverSocketFactory(TestCertificates.server());
    }
    server = builder.build();
    server.start();
  }

  public int port() {
    return server.getPortAllocated();
  }

  /** Refuse every later message this way; null to accept again. */
  public void refuse(@Nullable Refusal how) {
    refusal.set(how);
  }

  public List<Delivery> delivered() {
    return delivered;
  }

  /** The user names every AUTH attempt gave, right or wrong. */
  public List<String> logins() {
    return logins;
  }

  @Override
  public void close() {
    server.stop();
  }

  private MessageHandler handler(MessageContext context) {
    return new MessageHandler() {
      private String from = "";
      private final List<String> recipients = new CopyOnWriteArrayList<>();

      @Override
      public void from(String address) throws RejectException {
        refuseAt(Refusal.Stage.MAIL_FROM);
        from = address;
      }

      @Override
      public void recipient(String address) throws RejectException {
        refuseAt(Refusal.Stage.RCPT_TO);
        recipients.add(address);
      }

      @Override
      public @Nullable String data(InputStream data) throws RejectException, IOException {
        byte[] raw = data.readAllBytes();
        refuseAt(Refusal.Stage.DATA);
        try {
          MimeMessage mime =
              new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
          delivered.add(new Delivery(from, List.copyOf(recipients), mime));
        } catch (MessagingException e) {
          throw new RejectException(554, "unreadable message: " + e.getMessage());
        }
        return null;
      }

      @Override
      public void done() {}
    };
  }

  private void refuseAt(Refusal.Stage stage) throws RejectException {
    Refusal r = refusal.get();
    if (r != null && r.stage() == stage) {
      throw new RejectException(r.code(), r.text());
    }
  }
}
