package dev.notifier.channel.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Feishu sender against a real HTTP server: the exact card per notification type (golden
 * files), the signature checked the way Feishu checks it, header colours, and every answer
 * classified.
 */
class FeishuSenderTest extends ChannelContract {

  private static final String TOKEN = "4c1d7e0a-feishu-hook-token-2b9f";
  private static final String SECRET = "fs-signing-secret-7d3a9c";
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final Reply OK = Reply.json("{\"code\":0,\"data\":{},\"msg\":\"success\"}");

  private final JsonMapper json = JsonMapper.builder().build();
  private final FeishuSender sender =
      new FeishuSender(http, json, Clock.fixed(NOW, ZoneOffset.UTC));

  @Override
  protected ChannelSender sender() {
    return sender;
  }

  @Override
  protected Destination destination(String origin) {
    return new Destination(5, "ops", origin + "/open-apis/bot/v2/hook/" + TOKEN, SECRET);
  }

  @Override
  protected Reply accepted() {
    return OK;
  }

  @Override
  protected List<String> credentials() {
    return List.of(TOKEN, SECRET);
  }

  /** Too large as a card: one markdown element, cut with a marker, the whole body within 20 KB. */
  @Override
  protected void assertCut(String sentBody) {
    assertThat(utf8Length(sentBody)).isLessThanOrEqualTo(FeishuLimits.BODY_MAX_BYTES);
    JsonNode elements = json.readTree(sentBody).at("/card/body/elements");
    assertThat(elements.size()).isEqualTo(1);
    assertThat(elements.get(0).get("content").asString()).endsWith(Truncation.MARKER);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    assertThat(utf8Length(bodies.getFirst())).isLessThanOrEqualTo(FeishuLimits.BODY_MAX_BYTES);
  }

  @Test
  void aBindingsMentionsAreAtTagsInTheCardsFirstElement() {
    String body =
        sendMentioning(Map.of("atUserIds", List.of("ou_7d8a6e6d"), "atAll", true), message("hi"));

    assertThat(json.readTree(body).at("/card/body/elements/0/content").asString())
        .isEqualTo("<at id=all></at> <at id=ou_7d8a6e6d></at>");
    assertThat(sender().checkMentions(Map.of("atUserIds", List.of("ou_1></at><at id=all"))))
        .extracting(dev.notifier.channel.ConfigProblem::field)
        .containsExactly("mentions.atUserIds");
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("feishu", "zh-CN", "Asia/Shanghai");
  }

  @Test
  void theSignatureInTheBodyIsOneFeishuWouldAccept() throws Exception {
    platform.respond(r -> OK);
    sender.send(target(SECRET), message(Level.ERROR, "hello"));

    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    long timestamp = Long.parseLong(body.get("timestamp").asString());
    assertThat(timestamp).isEqualTo(NOW.getEpochSecond());
    // Feishu's check, written out independently of the sender's code
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            (timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(body.get("sign").asString())
        .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal()));
    assertThat(platform.accepted().getFirst().body()).doesNotContain(SECRET);
  }

  @Test
  void anUnsignedTargetSendsNoTimestampOrSign() throws IOException {
    platform.respond(r -> OK);
    sender.send(target(null), message(Level.INFO, "hello"));
    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.has("sign")).isFalse();
    assertThat(body.has("timestamp")).isFalse();
  }

  @Test
  void theHeaderColourFollowsTheLevelAndFieldsGoTwoPerRow() throws IOException {
    platform.respond(r -> OK);
    Map<Level, String> colours =
        Map.of(Level.ERROR, "red", Level.WARNING, "orange", Level.INFO, "blue", Level.OK, "green");
    for (var level : colours.entrySet()) {
      sender.send(target(null), message(level.getKey(), "hello"));
      JsonNode card = json.readTree(platform.accepted().getLast().body()).get("card");
      assertThat(card.at("/header/template").asString()).isEqualTo(level.getValue());
    }
    Message threeFields =
        new Message(
            "T",
            Level.INFO,
            List.of(
                new Block.Fields(
                    "",
                    List.of(
                        new Block.Field("a", List.of(Span.plain("1"))),
                        new Block.Field("b", List.of(Span.plain("2"))),
                        new Block.Field("c", List.of(Span.plain("3")))))),
            "f",
            Map.of());
    sender.send(target(null), threeFields);
    JsonNode elements =
        json.readTree(platform.accepted().getLast().body()).at("/card/body/elements");
    assertThat(elements.get(0).get("columns").size()).isEqualTo(2);
    assertThat(elements.get(1).get("columns").size()).isEqualTo(1);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            Reply.json("{\"code\":11232,\"msg\":\"frequency limited\"}"),
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            new Reply(400, "{\"code\":9499,\"msg\":\"too many request\"}", Map.of()),
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            new Reply(
                400,
                "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}",
                Map.of()),
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            Reply.json("{\"code\":19022,\"msg\":\"ip not allowed\"}"),
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            Reply.json("{\"code\":19024,\"msg\":\"Key Words Not Found\"}"),
            Disposition.PERMANENT,
            FailureReason.BAD_CONFIG),
        Arguments.of(
            Reply.json("{\"code\":12345,\"msg\":\"token " + TOKEN + " unknown\"}"),
            Disposition.RETRYABLE,
            FailureReason.PLATFORM_ERROR));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void everyAnswerIsClassifiedAndNoneLeaksTheTokenOrSecret(
      Reply reply, Disposition disposition, FailureReason reason) {
    platform.respond(r -> reply);

    SendOutcome outcome = sender.send(target(SECRET), message(Level.ERROR, "hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(TOKEN).doesNotContain(SECRET);
            });
  }

  private Destination target(String secret) {
    return new Destination(5, "ops", platform.url("/open-apis/bot/v2/hook/" + TOKEN), secret);
  }

  private static Message message(Level level, String text) {
    return new Message(
        "Title",
        level,
        List.of(new Block.Highlight(List.of(Span.plain(text)))),
        "footer",
        Map.of());
  }
}
