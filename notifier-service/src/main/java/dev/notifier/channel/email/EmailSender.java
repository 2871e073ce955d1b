package dev.notifier.channel.email;

import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ChartPictures;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.PlainText;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.chart.ChartImages;
import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.BlockedAddressException;
import dev.notifier.message.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends a message as e-mail: an HTML part with a plain-text alternative, over STARTTLS (required,
 * never silently skipped) or implicit TLS, the server's certificate checked against its host name.
 * One attempt, one connection; the SMTP reply code classifies a refusal. A message's charts are
 * inline images of the HTML part.
 */
@Component
class EmailSender implements ChannelSender {

  private final ChannelProperties properties;
  private final AddressGuard guard;
  private final SSLSocketFactory tls;
  private final Clock clock;
  private final ChartImages charts;

  @Autowired
  EmailSender(ChannelProperties properties, AddressGuard guard, Clock clock, ChartImages charts)
      throws NoSuchAlgorithmException {
    this(properties, guard, SSLContext.getDefault().getSocketFactory(), clock, charts);
  }

  /** With the trust of a test's own certificate authority. */
  EmailSender(
      ChannelProperties properties,
      AddressGuard guard,
      SSLSocketFactory tls,
      Clock clock,
      ChartImages charts) {
    this.properties = properties;
    this.guard = guard;
    this.tls = tls;
    this.clock = clock;
    this.charts = charts;
  }

  @Override
  public Class<EmailConfig> configType() {
    return EmailConfig.class;
  }

  @Override
  public String channel() {
    return "email";
  }

  /** The first setting a mail could not be sent with, as SmtpTarget names it. */
  @Override
  public List<ConfigProblem> check(Destination target) {
    try {
      SmtpTarget.of(target);
      return List.of();
    } catch (SmtpTarget.InvalidTarget | IllegalArgumentException e) {
      return List.of(ConfigProblem.parse(e.getMessage(), "url"));
    }
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    SmtpTarget target;
    try {
      target = SmtpTarget.of(destination);
    } catch (SmtpTarget.InvalidTarget e) {
      return Failed.permanent(FailureReason.BAD_CONFIG, "e-mail target: " + e.getMessage());
    }
    List<String> secrets = destination.secrets();
    InetAddress address;
    try {
      // Mail servers are chosen by operators, but a target is still never an internal service.
      // Jakarta Mail is handed the checked address, so a name that resolves elsewhere a moment
      // later (DNS rebinding) gains nothing; PinnedTls keeps the name for TLS.
      guard.checkPort(target.host(), target.port(), AddressGuard.MAIL_PORTS);
      address = guard.resolve(target.host())[0];
    } catch (BlockedAddressException e) {
      return Failed.permanent(
          FailureReason.BAD_CONFIG, "refused by the SSRF guard: " + e.getMessage());
    } catch (UnknownHostException e) {
      return Failed.retryable(FailureReason.CONNECTION_ERROR, "unknown host " + target.host());
    }
    Session session = Session.getInstance(sessionProperties(target));
    try (Transport transport = session.getTransport()) {
      transport.connect(
          address.getHostAddress(), target.port(), target.username(), target.password());
      MimeMessage mail = mime(session, target, message);
      transport.sendMessage(mail, mail.getAllRecipients());
      return SendOutcome.delivered();
    } catch (MessagingException e) {
      return SmtpFailures.classify(e, secrets);
    }
  }

  private MimeMessage mime(Session session, SmtpTarget target, Message message)
      throws MessagingException {
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(target.from());
    mail.setRecipients(
        jakarta.mail.Message.RecipientType.TO, target.to().toArray(InternetAddress[]::new));
    if (!target.cc().isEmpty()) {
      mail.setRecipients(
          jakarta.mail.Message.RecipientType.CC, target.cc().toArray(InternetAddress[]::new));
    }
    mail.setSubject(message.title(), StandardCharsets.UTF_8.name());
    mail.setSentDate(Date.from(clock.instant()));
    List<ChartPictures.Picture> pictures =
        ChartPictures.of(message, charts, INLINE_MAX_BYTES, channel());
    List<EmailHtml.Inline> inline = new ArrayList<>();
    for (ChartPictures.Picture picture : pictures) {
      inline.add(
          new EmailHtml.Inline(picture.chart().name() + "@notifier", picture.chart().title()));
    }
    // Plain first: clients show the last alternative they understand, so HTML wins where it can.
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(part(PlainText.render(message), "plain"));
    alternative.addBodyPart(part(EmailHtml.render(message, inline), "html"));
    if (pictures.isEmpty()) {
      mail.setContent(alternative);
    } else {
      // RFC 2387: the text and the pictures it shows by Content-ID travel as one related whole
      MimeMultipart related = new MimeMultipart("related");
      MimeBodyPart text = new MimeBodyPart();
      text.setContent(alternative);
      related.addBodyPart(text);
      for (int i = 0; i < pictures.size(); i++) {
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(
            new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(pictures.get(i).png(), "image/png")));
        image.setContentID("<" + inline.get(i).contentId() + ">");
        image.setDisposition(jakarta.mail.Part.INLINE);
        image.setFileName(pictures.get(i).fileName());
        related.addBodyPart(image);
      }
      mail.setContent(related);
    }
    mail.saveChanges();
    return mail;
  }

  /** Mail relays commonly refuse messages over 10 MB; each chart stays well under that. */
  private static final int INLINE_MAX_BYTES = 2 * 1024 * 1024;

  private static MimeBodyPart part(String text, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(text, StandardCharsets.UTF_8.name(), subtype);
    return part;
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private Properties sessionProperties(SmtpTarget target) {
    boolean implicitTls = target.security() == EmailConfig.Security.TLS;
    String protocol = implicitTls ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "connectiontimeout", String.valueOf(properties.connectTimeout().toMillis()));
    props.put(p + "timeout", String.valueOf(properties.requestTimeout().toMillis()));
    props.put(p + "writetimeout", String.valueOf(properties.requestTimeout().toMillis()));
    props.put(p + "auth", String.valueOf(target.username() != null));
    // The JDK checks the certificate against the server's name (PinnedTls); Jakarta Mail's own
    // check would compare it with the address connected to.
    props.put(p + "ssl.checkserveridentity", "false");
    props.put(p + "ssl.socketFactory", new PinnedTls(tls, unbracketed(target.host())));
    if (target.security() == EmailConfig.Security.STARTTLS) {
      // Required, not merely enabled: a server (or a man in the middle) that hides STARTTLS must
      // not get the password and the message in clear text.
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    return props;
  }
}
