package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.HostileEvents;
import dev.notifier.testing.HostileMessages;
import dev.notifier.testing.Multipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every HTTP channel must do, whatever its platform: classify the HTTP status matrix, time out
 * on a hanging platform, survive refused and reset connections, distrust a 2xx it cannot read, keep
 * every credential out of every error, and cut an overlong message to the platform's limit with a
 * marker. Each channel's test extends this against a real local HTTP server and adds its own
 * platform codes, golden bodies and signatures.
 */
public abstract class ChannelContract {

  protected final ChatStandIn platform = new ChatStandIn();

  /** Short timeouts, so the hanging-platform case is quick. */
  protected final HttpTransport http =
      new HttpTransport(
          new ChannelProperties(Duration.ofSeconds(1), Duration.ofMillis(500)),
          AddressGuard.allowing("127.0.0.1"));

  /** The sender under test, using {@link #http}. */
  protected abstract ChannelSender sender();

  /** A target on the server at {@code origin} ("http://127.0.0.1:port"), with its credentials. */
  protected abstract Destination destination(String origin);

  /** The platform's answer to a message it accepted. */
  protected abstract Reply accepted();

  /** Every credential {@link #destination} holds; none may appear in an error. */
  protected abstract List<String> credentials();

  /** Checks that what was sent for an overlong message fits the platform and shows the cut. */
  protected abstract void assertCut(String sentBody);

  /**
   * Checks that every request sent for one message (several, for a channel that splits) is within
   * every limit the platform documents, whatever the message said.
   */
  protected abstract void assertFits(List<String> sentBodies);

  /** The target for the any-message property: the default, or one that adds the most on top. */
  protected Destination hostileDestination(String origin) {
    return destination(origin);
  }

  static List<Long> seeds() {
    return java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyMessageFitsThePlatformWhateverItsText(long seed) {
    platform.respond(r -> accepted());
    Message message = HostileMessages.random(seed, seed % 2 == 0 ? 3_000 : 40_000);

    SendOutcome outcome = sender().send(hostileDestination(origin()), message);

    assertThat(outcome).as("seed %d", seed).isEqualTo(SendOutcome.delivered());
    assertFits(platform.accepted().stream().map(ChatStandIn.Request::body).toList());
  }

  /** The syntax the platform reads a message's text in. */
  protected enum Markup {
    /** Markdown and the platform's own tags (mentions, colours). */
    MARKDOWN,
    /** HTML: only tags and character references are markup. */
    HTML,
    /** JSON values, read by a program: nothing is markup. */
    NONE
  }

  protected Markup markup() {
    return Markup.MARKDOWN;
  }

  static Stream<HostileEvents.Hostile> hostileTexts() {
    return HostileEvents.TEXTS.stream();
  }

  /**
   * Every notification type, in both languages, made from events whose every text field holds a
   * piece of markup, mention or link syntax: what reaches the platform shows it as text. Values a
   * platform documents as plain text (a {@code plain_text} element) are not markup and are skipped.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTexts")
  void textFromAnEventNeverBecomesMarkup(HostileEvents.Hostile hostile) {
    platform.respond(r -> accepted());
    List<String> live =
        switch (markup()) {
          case MARKDOWN -> hostile.markdownLive();
          case HTML -> hostile.htmlLive();
          case NONE -> List.of();
        };
    for (String language : List.of("zh-CN", "en")) {
      Presentation p = Presentation.of(language, "Asia/Shanghai");
      for (var type : HostileEvents.messages(hostile.text(), p).entrySet()) {
        platform.clear();
        assertThat(sender().send(destination(origin()), type.getValue()))
            .as(type.getKey())
            .isEqualTo(SendOutcome.delivered());
        StringBuilder shown = new StringBuilder();
        for (ChatStandIn.Request request : platform.accepted()) {
          shownText(JSON.readTree(jsonOf(request)), shown);
        }
        for (String piece : live) {
          assertThat(shown.toString())
              .as("%s in %s, %s", piece.replace("\n", "\\n"), type.getKey(), language)
              .doesNotContain(piece);
        }
        if (markup() == Markup.NONE) {
          assertThat(shown.toString()).contains(hostile.text());
        }
      }
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The JSON a request carries: its body, or for a file upload the form's {@code payload_json}
   * (Discord), else its text fields as an object (Telegram's {@code caption}).
   */
  protected static String jsonOf(ChatStandIn.Request request) {
    if (!Multipart.is(request)) {
      return request.body();
    }
    var fields = JSON.createObjectNode();
    for (Multipart.Part part : Multipart.parse(request)) {
      if (part.name().equals("payload_json")) {
        return part.text();
      }
      if (part.fileName() == null) {
        fields.put(part.name(), part.text());
      }
    }
    return fields.toString();
  }

  /** Every string in a body, each as if it began a line, except plain-text elements. */
  private static void shownText(tools.jackson.databind.JsonNode node, StringBuilder out) {
    if (node.isString()) {
      out.append('\n').append(node.asString());
    } else if (node.isObject()) {
      String kind = node.path("tag").asString(node.path("type").asString(""));
      if (kind.equals("plain_text")) {
        return;
      }
      node.values().forEach(v -> shownText(v, out));
    } else if (node.isArray()) {
      node.values().forEach(v -> shownText(v, out));
    }
  }

  @AfterEach
  void closePlatform() {
    platform.close();
  }

  @Test
  void anAcceptedMessageIsDelivered() {
    platform.respond(r -> accepted());
    assertThat(send(message("hello"))).isEqualTo(SendOutcome.delivered());
    assertThat(platform.accepted()).hasSize(1);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(500, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(502, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(503, Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(429, Disposition.RETRYABLE, FailureReason.RATE_LIMITED),
        Arguments.of(400, Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(404, Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(401, Disposition.PERMANENT, FailureReason.AUTH_ERROR),
        Arguments.of(403, Disposition.PERMANENT, FailureReason.AUTH_ERROR),
        Arguments.of(413, Disposition.PERMANENT, FailureReason.TOO_LARGE));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void everyStatusIsClassifiedAndNoCredentialIsEchoed(
      int status, Disposition disposition, FailureReason reason) {
    // the platform echoes the request, credentials and all, in its error page
    platform.respond(r -> Reply.status(status, "error for " + r.path() + "?" + r.query()));

    assertFailed(
        send(message("hello")),
        f -> {
          assertThat(f.disposition()).isEqualTo(disposition);
          assertThat(f.reason()).isEqualTo(reason);
        });
  }

  @Test
  void retryAfterOn429IsPassedOn() {
    platform.respond(r -> new Reply(429, "slow down", Map.of("Retry-After", "7")));
    assertFailed(
        send(message("hello")), f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  /**
   * False for a channel whose receivers answer as they like (a custom webhook): any 2xx is success.
   */
  protected boolean judgesTheBody() {
    return true;
  }

  @Test
  void a2xxThatCannotBeReadIsRetryableNotDelivered() {
    assumeTrue(judgesTheBody(), "this channel takes any 2xx as success");
    platform.respond(r -> Reply.json("<html>captive portal</html>"));
    assertFailed(
        send(message("hello")),
        f -> {
          assertThat(f.disposition()).isEqualTo(Disposition.RETRYABLE);
          assertThat(f.reason()).isEqualTo(FailureReason.INVALID_RESPONSE);
        });
  }

  @Test
  void aHangingPlatformTimesOutAsRetryable() {
    platform.respond(
        r -> {
          sleep(1_500);
          return accepted();
        });
    assertFailed(
        send(message("hello")),
        f -> {
          assertThat(f.disposition()).isEqualTo(Disposition.RETRYABLE);
          assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
        });
  }

  @Test
  void aRefusedConnectionIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertFailed(
        sender().send(destination("http://127.0.0.1:" + closedPort), message("hello")),
        f -> {
          assertThat(f.disposition()).isEqualTo(Disposition.RETRYABLE);
          assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION_ERROR);
        });
  }

  @Test
  void aConnectionResetMidRequestIsRetryable() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = server.accept()) {
                  s.setSoLinger(true, 0); // close with RST
                } catch (IOException e) {
                  // the test fails on the client side if this never happened
                }
              });
      assertFailed(
          sender().send(destination("http://127.0.0.1:" + server.getLocalPort()), message("hi")),
          f -> assertThat(f.disposition()).isEqualTo(Disposition.RETRYABLE));
    }
  }

  @Test
  void anOverlongMessageIsCutToThePlatformsLimitWithAMarker() {
    platform.respond(r -> accepted());
    // 3-byte characters, so no limit lands exactly on a character boundary by luck
    assertThat(send(message("熔断".repeat(12_000)))).isEqualTo(SendOutcome.delivered());
    String body = platform.accepted().getFirst().body();
    assertThat(body).doesNotContain("\uFFFD");
    assertCut(body);
  }

  /**
   * Sends the message of every notification type and compares each body with {@code
   * golden/<channel>/<type>.<language>.json} as JSON.
   */
  protected void assertGoldenBodies(String channel, String languageTag, String zone) {
    platform.respond(r -> accepted());
    JsonMapper json = JsonMapper.builder().build();
    for (var type : GoldenFiles.messages(Presentation.of(languageTag, zone)).entrySet()) {
      int before = platform.all().size();
      assertThat(send(type.getValue())).as(type.getKey()).isEqualTo(SendOutcome.delivered());
      // the message itself; its charts, where a platform takes pictures, follow it
      String sent = jsonOf(platform.all().get(before));
      String file = type.getKey() + "." + languageTag + ".json";
      assertThat(json.readTree(sent))
          .as(file)
          .isEqualTo(json.readTree(GoldenFiles.read(channel, file, sent)));
    }
  }

  protected SendOutcome send(Message message) {
    return sender().send(destination(origin()), message);
  }

  /**
   * Sends as a binding with {@code mentions} would: they are added to the target's settings, after
   * the channel has checked them.
   */
  protected String sendMentioning(Map<String, Object> mentions, Message message) {
    assertThat(sender().checkMentions(mentions)).isEmpty();
    Destination d = destination(origin());
    Destination mentioning =
        d.with(d.mentions().plus(MentionSet.of(mentions, mentions.keySet())), d.config());
    platform.respond(r -> accepted());
    assertThat(sender().send(mentioning, message)).isInstanceOf(SendOutcome.Delivered.class);
    return platform.accepted().getLast().body();
  }

  @Test
  void mentionsThatAreNotThePlatformsIdsAreRefusedNamingTheField() {
    assertThat(sender().checkMentions(Map.of("everyone", true)))
        .extracting(ConfigProblem::field)
        .containsExactly("mentions.everyone");
  }

  protected String origin() {
    return platform.url("");
  }

  protected static Message message(String text) {
    return new Message(
        "Title",
        Level.ERROR,
        List.of(new Block.Highlight(List.of(Span.plain(text)))),
        "footer",
        Map.of());
  }

  protected static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private void assertFailed(SendOutcome outcome, Consumer<Failed> check) {
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              check.accept(f);
              for (String credential : credentials()) {
                assertThat(f.detail()).doesNotContain(credential);
              }
            });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
