package dev.notifier.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.GoldenFiles;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.testing.ChatStandIn.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The DingTalk sender against a real HTTP server: the exact body per notification type (golden
 * files), the signature checked the way DingTalk checks it, mentions, and every answer classified.
 */
class DingTalkSenderTest extends ChannelContract {

  private static final String TOKEN = "b7e1c0ffee-dingtalk-access-token";
  private static final String SECRET = "SEC8d2f0c1a9b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0";
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private final DingTalkSender sender =
      new DingTalkSender(http, json, Clock.fixed(NOW, ZoneOffset.UTC));

  @Override
  protected ChannelSender sender() {
    return sender;
  }

  @Override
  protected Destination destination(String origin) {
    return ChannelConfigs.destination(
        sender(), 9, "ops", origin + "/robot/send?access_token=" + TOKEN, SECRET, Map.of());
  }

  @Override
  protected Reply accepted() {
    return Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
  }

  @Override
  protected List<String> credentials() {
    return List.of(TOKEN, SECRET);
  }

  @Override
  protected void assertCut(String sentBody) {
    String text = json.readTree(sentBody).at("/markdown/text").asString();
    assertThat(text).endsWith(Truncation.MARKER);
    assertThat(utf8Length(text)).isLessThanOrEqualTo(DingTalkLimits.TEXT_MAX_BYTES);
    assertThat(utf8Length(sentBody)).isLessThanOrEqualTo(DingTalkLimits.BODY_MAX_BYTES);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    String text = json.readTree(bodies.getFirst()).at("/markdown/text").asString();
    assertThat(utf8Length(text)).isLessThanOrEqualTo(DingTalkLimits.TEXT_MAX_BYTES);
    assertThat(utf8Length(bodies.getFirst())).isLessThanOrEqualTo(DingTalkLimits.BODY_MAX_BYTES);
  }

  /** Mentions and a keyword are added after the text is laid out: a large share of them. */
  @Override
  protected Destination hostileDestination(String origin) {
    List<String> mobiles = new java.util.ArrayList<>();
    List<String> users = new java.util.ArrayList<>();
    // about a kilobyte of mentions: enough to push a text cut to the body's limit past the text's
    for (int i = 0; i < 40; i++) {
      mobiles.add("138" + String.format("%08d", i));
    }
    for (int i = 0; i < 20; i++) {
      users.add("manager" + String.format("%012d", i));
    }
    return ChannelConfigs.destination(
        sender(),
        9,
        "ops",
        origin + "/robot/send?access_token=" + TOKEN,
        SECRET,
        Map.of("atMobiles", mobiles, "atUserIds", users, "keyword", "告警<&>"));
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() throws IOException {
    platform.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    Destination target =
        destination(
            null,
            Map.of(
                "atMobiles",
                List.of("13800000000"),
                "atUserIds",
                List.of("ops-lead"),
                "isAtAll",
                false,
                "keyword",
                "告警"));
    Map<String, Message> types = GoldenFiles.messages(Presentation.of("zh-CN", "Asia/Shanghai"));
    for (var type : types.entrySet()) {
      assertThat(sender.send(target, type.getValue())).isEqualTo(SendOutcome.delivered());
      String sent = platform.accepted().getLast().body();
      assertThat(json.readTree(sent))
          .as(type.getKey())
          .isEqualTo(
              json.readTree(GoldenFiles.read("dingtalk", type.getKey() + ".zh-CN.json", sent)));
    }
  }

  @Test
  void aSignedRequestCarriesATimestampAndASignatureDingTalkWouldAccept() throws Exception {
    platform.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

    assertThat(sender.send(destination(SECRET, Map.of()), message("hello")))
        .isEqualTo(SendOutcome.delivered());

    Map<String, String> query = query(platform.accepted().getFirst().query());
    assertThat(query).containsEntry("access_token", TOKEN);
    assertThat(query).containsEntry("timestamp", String.valueOf(NOW.toEpochMilli()));
    // DingTalk's check, written out independently of the sender's code
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal((NOW.toEpochMilli() + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(query.get("sign")).isEqualTo(expected);
    assertThat(platform.accepted().getFirst().body()).doesNotContain(SECRET);
  }

  @Test
  void anUnsignedTargetSendsNoSignature() {
    platform.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    sender.send(destination(null, Map.of()), message("hello"));
    assertThat(query(platform.accepted().getFirst().query())).containsOnlyKeys("access_token");
  }

  @Test
  void aLongMentionListCutsTheTextNotTheRequest() {
    platform.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    List<String> mobiles =
        java.util.stream.IntStream.range(0, 600).mapToObj(i -> "138" + (10_000_000 + i)).toList();
    sender.send(
        destination(null, Map.of("atMobiles", mobiles, "keyword", "告警")),
        message("熔断".repeat(12_000)));

    String sent = platform.accepted().getFirst().body();
    assertThat(utf8Length(sent)).isLessThanOrEqualTo(DingTalkLimits.BODY_MAX_BYTES);
    String text = json.readTree(sent).at("/markdown/text").asString();
    assertThat(text).contains(Truncation.MARKER, "告警").endsWith("@" + mobiles.getLast());
  }

  @Test
  void mentionsGoInAtAndMobilesAlsoInTheText() throws IOException {
    platform.respond(r -> Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    sender.send(
        destination(null, Map.of("atMobiles", List.of("13800000000"), "isAtAll", true)),
        message("hello"));
    var body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.at("/at/atMobiles/0").asString()).isEqualTo("13800000000");
    assertThat(body.at("/at/isAtAll").asBoolean()).isTrue();
    assertThat(body.at("/markdown/text").asString()).endsWith("@13800000000");
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            Reply.json(
                "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}"),
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            Reply.json("{\"errcode\":-1,\"errmsg\":\"system busy\"}"),
            Disposition.RETRYABLE,
            FailureReason.SERVER_ERROR),
        Arguments.of(
            Reply.json("{\"errcode\":460101,\"errmsg\":\"message too long\"}"),
            Disposition.PERMANENT,
            FailureReason.TOO_LARGE),
        Arguments.of(
            Reply.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"),
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            Reply.json("{\"errcode\":300001,\"errmsg\":\"token is not exist\"}"),
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            Reply.json("{\"errcode\":99999,\"errmsg\":\"something new\"}"),
            Disposition.RETRYABLE,
            FailureReason.PLATFORM_ERROR));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void everyAnswerIsClassifiedAndNoneLeaksTheTokenOrSecret(
      Reply reply, Disposition disposition, FailureReason reason) {
    platform.respond(r -> reply);

    SendOutcome outcome = sender.send(destination(SECRET, Map.of()), message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(TOKEN).doesNotContain(SECRET);
            });
  }

  @Test
  void aThrottledRobotIsRetriedNoSoonerThanItsTenMinutes() {
    platform.respond(r -> Reply.json("{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));
    SendOutcome outcome = sender.send(destination(null, Map.of()), message("hello"));
    assertThat(((Failed) outcome).retryAfter()).isEqualTo(Duration.ofMinutes(10));
  }

  private Destination destination(String secret, Map<String, Object> config) {
    return ChannelConfigs.destination(
        sender(), 9, "ops", platform.url("/robot/send?access_token=" + TOKEN), secret, config);
  }

  private static Map<String, String> query(String query) {
    return Stream.of(query.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            java.util.stream.Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}
