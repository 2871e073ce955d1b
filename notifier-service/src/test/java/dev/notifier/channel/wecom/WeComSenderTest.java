package dev.notifier.channel.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeCom sender against a real HTTP server: how every answer is classified, and the size limit.
 */
class WeComSenderTest {

  private static final String KEY = "0f3c9a7e-secret-wecom-key";

  private final ChatStandIn wecom = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private final WeComSender sender =
      new WeComSender(
          new HttpTransport(new ChannelProperties(Duration.ofSeconds(1), Duration.ofMillis(500))),
          json);
  private final Destination destination =
      new Destination(1, "ops", wecom.url("/cgi-bin/webhook/send?key=" + KEY), null, Map.of());

  @AfterEach
  void tearDown() {
    wecom.close();
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            Reply.json("{\"errcode\":-1,\"errmsg\":\"system busy\"}"),
            Disposition.RETRYABLE,
            FailureReason.SERVER_ERROR),
        Arguments.of(
            Reply.json("{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}"),
            Disposition.PERMANENT,
            FailureReason.TOO_LARGE),
        Arguments.of(
            Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"),
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            Reply.json("{\"errcode\":12345,\"errmsg\":\"something new\"}"),
            Disposition.RETRYABLE,
            FailureReason.PLATFORM_ERROR),
        Arguments.of(
            Reply.json("<html>gateway</html>"),
            Disposition.RETRYABLE,
            FailureReason.INVALID_RESPONSE),
        Arguments.of(
            Reply.status(502, "bad gateway"), Disposition.RETRYABLE, FailureReason.SERVER_ERROR),
        Arguments.of(
            Reply.status(429, "slow down"), Disposition.RETRYABLE, FailureReason.RATE_LIMITED),
        Arguments.of(
            Reply.status(404, "no such hook"), Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(
            Reply.status(403, "forbidden"), Disposition.PERMANENT, FailureReason.AUTH_ERROR));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void everyAnswerIsClassifiedAndNoneLeaksTheKey(
      Reply reply, Disposition disposition, FailureReason reason) {
    // given
    wecom.respond(r -> reply);

    // when
    SendOutcome outcome = sender.send(destination, message("hello"));

    // then
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(KEY);
            });
  }

  @Test
  void errcodeZeroIsDelivered() {
    assertThat(sender.send(destination, message("hello")))
        .isInstanceOf(SendOutcome.Delivered.class);
    assertThat(wecom.accepted()).hasSize(1);
  }

  @Test
  void retryAfterOn429IsPassedOn() {
    wecom.respond(r -> new Reply(429, "{}", Map.of("Retry-After", "7")));

    SendOutcome outcome = sender.send(destination, message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void aHangingPlatformTimesOutAsRetryable() {
    wecom.respond(
        r -> {
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ChatStandIn.WECOM_OK;
        });

    SendOutcome outcome = sender.send(destination, message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(Disposition.RETRYABLE);
              assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
            });
  }

  @Test
  void aRefusedConnectionIsRetryableAndDoesNotLeakTheKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Destination nowhere =
        new Destination(
            2,
            "gone",
            "http://127.0.0.1:" + closedPort + "/cgi-bin/webhook/send?key=" + KEY,
            null,
            Map.of());

    SendOutcome outcome = sender.send(nowhere, message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION_ERROR);
              assertThat(f.detail()).doesNotContain(KEY);
            });
  }

  @Test
  void contentOver4096BytesIsCutOnACharacterBoundaryWithAMarker() {
    // given 3-byte characters that cannot land exactly on the limit
    String longText = "熔断".repeat(3_000);

    // when
    sender.send(destination, message(longText));

    // then
    String content =
        json.readTree(wecom.accepted().getFirst().body()).get("markdown").get("content").asString();
    assertThat(content.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(WeComLimits.MARKDOWN_MAX_BYTES);
    assertThat(content).endsWith(Truncation.MARKER).doesNotContain("\uFFFD");
    assertThat(content.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(WeComLimits.MARKDOWN_MAX_BYTES - 8);
  }

  private static Message message(String text) {
    return new Message(
        "Title",
        Level.ERROR,
        List.of(new Block.Highlight(List.of(Span.plain(text)))),
        "footer",
        Map.of());
  }
}
