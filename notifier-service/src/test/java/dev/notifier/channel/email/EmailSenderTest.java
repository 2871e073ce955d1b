package dev.notifier.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.GoldenFiles;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.EgressProperties;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Span;
import dev.notifier.testing.HostileEvents;
import dev.notifier.testing.SmtpStandIn;
import dev.notifier.testing.SmtpStandIn.Mode;
import dev.notifier.testing.SmtpStandIn.Refusal;
import dev.notifier.testing.SmtpStandIn.Refusal.Stage;
import dev.notifier.testing.TestCertificates;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-mail sender against a real SMTP server: STARTTLS and implicit TLS with a certificate the
 * client really verifies, AUTH, the MIME alternative parts compared with golden files, and every
 * kind of refusal classified by its reply code.
 */
class EmailSenderTest {

  private static final String USER = "alerts@example.com";
  private static final String PASSWORD = "s3cret-smtp-password";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-15T06:00:00Z"), ZoneOffset.UTC);

  /** The stand-in listens here; the SSRF guard admits nothing else local. */
  private static final AddressGuard LOCAL = AddressGuard.allowing("127.0.0.1");

  private final ChannelProperties timeouts =
      new ChannelProperties(Duration.ofSeconds(1), Duration.ofMillis(800));
  private final EmailSender sender =
      new EmailSender(
          timeouts,
          LOCAL,
          TestCertificates.client().getSocketFactory(),
          CLOCK,
          dev.notifier.testing.TestCharts.images());
  private SmtpStandIn smtp;

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  void overStartTlsWithAuthTheMessageArrivesAsHtmlWithAPlainAlternative() throws Exception {
    smtp = new SmtpStandIn(Mode.STARTTLS, USER, PASSWORD);

    assertThat(sender.send(target("smtp", Map.of()), message("hello <world> & co")))
        .isEqualTo(SendOutcome.delivered());

    SmtpStandIn.Delivery delivery = smtp.delivered().getFirst();
    assertThat(delivery.from()).isEqualTo("alerts@example.com");
    assertThat(delivery.recipients())
        .containsExactly("ops@example.com", "lead@example.com", "audit@example.com");
    assertThat(smtp.logins()).containsExactly(USER);
    Map<String, String> parts = parts(delivery.mime());
    assertThat(parts.keySet()).containsExactly("text/plain", "text/html");
    assertThat(parts.get("text/plain")).contains("hello <world> & co").doesNotContain("<b>");
    assertThat(parts.get("text/html")).contains("hello &lt;world&gt; &amp; co");
  }

  @Test
  void overImplicitTlsTheMessageArrives() {
    smtp = new SmtpStandIn(Mode.IMPLICIT_TLS, USER, PASSWORD);
    assertThat(sender.send(target("smtps", Map.of()), message("hi")))
        .isEqualTo(SendOutcome.delivered());
    assertThat(smtp.delivered()).hasSize(1);
  }

  /**
   * The guard answers a loopback address the system's resolver does not give for the name; the mail
   * arrives only if Jakarta Mail connects where the guard said, and TLS still checks the name.
   */
  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"STARTTLS", "IMPLICIT_TLS"})
  void theServerIsReachedAtTheAddressTheGuardCheckedAndItsCertificateByName(Mode mode)
      throws Exception {
    InetAddress checked = InetAddress.getByName("127.0.0.2");
    smtp = new SmtpStandIn(mode, USER, PASSWORD, checked);
    AddressGuard rebinding =
        new AddressGuard(new EgressProperties(List.of(), List.of())) {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return host.equals("localhost") ? new InetAddress[] {checked} : super.resolve(host);
          }
        };
    EmailSender pinned =
        new EmailSender(
            timeouts,
            rebinding,
            TestCertificates.client().getSocketFactory(),
            CLOCK,
            dev.notifier.testing.TestCharts.images());
    String scheme = mode == Mode.STARTTLS ? "smtp" : "smtps";

    assertThat(pinned.send(target(scheme + "://localhost:" + smtp.port(), Map.of()), message("hi")))
        .isEqualTo(SendOutcome.delivered());
    assertThat(smtp.delivered()).hasSize(1);
  }

  static java.util.stream.Stream<HostileEvents.Hostile> hostileTexts() {
    return HostileEvents.TEXTS.stream();
  }

  /** Every notification type with markup in every event text: the HTML part shows it as text. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTexts")
  void textFromAnEventNeverBecomesHtml(HostileEvents.Hostile hostile) throws Exception {
    smtp = new SmtpStandIn(Mode.STARTTLS, USER, PASSWORD);
    for (String language : List.of("zh-CN", "en")) {
      var messages = HostileEvents.messages(hostile.text(), Presentation.of(language, "UTC"));
      for (var type : messages.entrySet()) {
        assertThat(sender.send(target("smtp", Map.of()), type.getValue()))
            .isEqualTo(SendOutcome.delivered());
        MimeMessage mime = smtp.delivered().getLast().mime();
        String html = parts(mime).get("text/html");
        for (String piece : hostile.htmlLive()) {
          assertThat(html).as("%s in %s", piece, type.getKey()).doesNotContain(piece);
        }
        assertThat(mime.getSubject()).doesNotContain("\n");
      }
    }
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() throws Exception {
    smtp = new SmtpStandIn(Mode.STARTTLS, USER, PASSWORD);
    JsonMapper json = JsonMapper.builder().build();
    var types = GoldenFiles.messages(Presentation.of("zh-CN", "Asia/Shanghai"));
    for (var type : types.entrySet()) {
      assertThat(sender.send(target("smtp", Map.of()), type.getValue()))
          .isEqualTo(SendOutcome.delivered());
      MimeMessage mime = smtp.delivered().getLast().mime();
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("subject", mime.getSubject());
      seen.put("from", mime.getHeader("From", ","));
      seen.put("to", mime.getHeader("To", ","));
      seen.put("cc", mime.getHeader("Cc", ","));
      seen.put("date", mime.getSentDate().toInstant().toString());
      seen.putAll(parts(mime));
      String sent = json.writerWithDefaultPrettyPrinter().writeValueAsString(seen);
      String file = type.getKey() + ".zh-CN.json";
      assertThat(json.readTree(sent))
          .as(file)
          .isEqualTo(json.readTree(GoldenFiles.read("email", file, sent)));
    }
  }

  @Test
  void aServerThatDoesNotOfferStartTlsNeverSeesThePassword() {
    smtp = new SmtpStandIn(Mode.PLAIN, USER, PASSWORD);
    assertFailed(
        sender.send(target("smtp", Map.of()), message("hi")),
        Disposition.PERMANENT,
        FailureReason.BAD_CONFIG);
    assertThat(smtp.logins()).isEmpty();
    assertThat(smtp.delivered()).isEmpty();
  }

  @Test
  void aCertificateTheClientDoesNotTrustIsRefused() throws Exception {
    smtp = new SmtpStandIn(Mode.IMPLICIT_TLS, USER, PASSWORD);
    EmailSender trustingOnlyTheJdk =
        new EmailSender(
            timeouts,
            LOCAL,
            SSLContext.getDefault().getSocketFactory(),
            CLOCK,
            dev.notifier.testing.TestCharts.images());
    assertFailed(
        trustingOnlyTheJdk.send(target("smtps", Map.of()), message("hi")),
        Disposition.PERMANENT,
        FailureReason.BAD_CONFIG);
    assertThat(smtp.delivered()).isEmpty();
  }

  @Test
  void aWrongPasswordIsAPermanentAuthErrorThatNeverShowsThePassword() {
    smtp = new SmtpStandIn(Mode.STARTTLS, USER, "another-password");
    assertFailed(
        sender.send(target("smtp", Map.of()), message("hi")),
        Disposition.PERMANENT,
        FailureReason.AUTH_ERROR);
  }

  @Test
  void aLocalRelayWithoutTlsWorksOnlyWhenChosenExplicitly() {
    smtp = new SmtpStandIn(Mode.PLAIN, null, null);
    Map<String, Object> relay = Map.of("security", "none", "username", "");
    assertThat(sender.send(target("smtp", relay), message("hi")))
        .isEqualTo(SendOutcome.delivered());
    assertThat(smtp.delivered()).hasSize(1);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(Stage.MAIL_FROM, 421, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(Stage.RCPT_TO, 450, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(Stage.RCPT_TO, 452, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(Stage.DATA, 451, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(Stage.RCPT_TO, 550, Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(Stage.MAIL_FROM, 553, Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(Stage.DATA, 554, Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(Stage.DATA, 552, Disposition.PERMANENT, FailureReason.TOO_LARGE));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void aRefusalIsTransientFor4xxAndPermanentFor5xx(
      Stage stage, int code, Disposition disposition, FailureReason reason) {
    smtp = new SmtpStandIn(Mode.STARTTLS, USER, PASSWORD);
    smtp.refuse(new Refusal(stage, code, "refused for " + PASSWORD));
    assertFailed(sender.send(target("smtp", Map.of()), message("hi")), disposition, reason);
    assertThat(smtp.delivered()).isEmpty();
  }

  @Test
  void aMailServerOnAnInternalAddressIsRefused() {
    EmailSender strict =
        new EmailSender(
            timeouts,
            AddressGuard.allowing(),
            TestCertificates.client().getSocketFactory(),
            CLOCK,
            dev.notifier.testing.TestCharts.images());
    assertFailed(
        strict.send(target("smtp://10.0.0.25:587", Map.of()), message("hi")),
        Disposition.PERMANENT,
        FailureReason.BAD_CONFIG);
    assertFailed(
        strict.send(target("smtp://mail.example.com:6379", Map.of()), message("hi")),
        Disposition.PERMANENT,
        FailureReason.BAD_CONFIG);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertFailed(
        sender.send(target("smtp://127.0.0.1:" + closed, Map.of()), message("hi")),
        Disposition.RETRYABLE,
        FailureReason.CONNECTION_ERROR);
  }

  @Test
  void aServerThatNeverGreetsTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = silent.accept()) {
                  Thread.sleep(3_000);
                } catch (Exception e) {
                  // the client gave up first, as it should
                }
              });
      assertFailed(
          sender.send(target("smtp://127.0.0.1:" + silent.getLocalPort(), Map.of()), message("hi")),
          Disposition.RETRYABLE,
          FailureReason.TIMEOUT);
    }
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("https://mail.example.com", Map.of(), "url"),
        Arguments.of("smtp://mail.example.com", Map.of("to", ""), "to: required"),
        Arguments.of("smtp://mail.example.com", Map.of("to", "not an address@@"), "to:"),
        Arguments.of("smtp://mail.example.com", Map.of("from", ""), "from"));
  }

  @Test
  void anUnknownSecurityIsRefusedWhenTheTargetIsSaved() {
    assertThat(
            ChannelConfigs.bind(
                ChannelConfigs.Reading.SAVE,
                sender,
                9,
                "mail",
                "smtp://127.0.0.1:2525",
                PASSWORD,
                Map.of("from", "a@example.com", "to", "b@example.com", "security", "ssl3")))
        .isEqualTo(
            new ChannelConfigs.Invalid(
                List.of(
                    new ConfigProblem(
                        "config.security", "expected one of [starttls, tls, none]"))));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void aBadSettingIsNamed(String url, Map<String, Object> override, String named) {
    assertFailed(
        sender.send(target(url, override), message("hi")),
        Disposition.PERMANENT,
        FailureReason.BAD_CONFIG);
    assertThat(((Failed) sender.send(target(url, override), message("hi"))).detail())
        .contains(named);
  }

  /** A target on the stand-in ("smtp" or "smtps"), or at a full URL, with settings overridden. */
  private Destination target(String schemeOrUrl, Map<String, Object> override) {
    String url =
        schemeOrUrl.contains("://") ? schemeOrUrl : schemeOrUrl + "://127.0.0.1:" + smtp.port();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("from", "Notifier <alerts@example.com>");
    config.put("to", List.of("ops@example.com", "lead@example.com"));
    config.put("cc", "audit@example.com");
    config.put("username", USER);
    config.putAll(override);
    return ChannelConfigs.destination(sender, 9, "mail", url, PASSWORD, config);
  }

  /**
   * The text alternatives by type; with charts, also "inline": each picture's Content-ID, type and
   * file name (the HTML refers to them by Content-ID).
   */
  private static Map<String, String> parts(MimeMessage mime) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    Multipart alternative = (Multipart) mime.getContent();
    if (alternative.getContentType().startsWith("multipart/related")) {
      Multipart related = alternative;
      alternative = (Multipart) related.getBodyPart(0).getContent();
      List<String> inline = new ArrayList<>();
      for (int i = 1; i < related.getCount(); i++) {
        jakarta.mail.internet.MimeBodyPart image =
            (jakarta.mail.internet.MimeBodyPart) related.getBodyPart(i);
        inline.add(
            image.getContentID()
                + " "
                + image.getContentType().split(";")[0]
                + " "
                + image.getFileName()
                + " "
                + image.getDisposition());
      }
      out.put("inline", String.join("\n", inline));
    }
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart part = alternative.getBodyPart(i);
      assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
      out.put(part.getContentType().split(";")[0].trim().toLowerCase(), (String) part.getContent());
    }
    return out;
  }

  private static Message message(String text) {
    return new Message(
        "Title",
        Level.ERROR,
        List.of(new Block.Highlight(List.of(Span.plain(text)))),
        "footer",
        Map.of());
  }

  private static void assertFailed(
      SendOutcome outcome, Disposition disposition, FailureReason reason) {
    Consumer<Failed> check =
        f -> {
          assertThat(f.disposition()).as(f.detail()).isEqualTo(disposition);
          assertThat(f.reason()).as(f.detail()).isEqualTo(reason);
          assertThat(f.detail()).doesNotContain(PASSWORD);
        };
    assertThat(outcome).isInstanceOfSatisfying(Failed.class, check);
  }
}
