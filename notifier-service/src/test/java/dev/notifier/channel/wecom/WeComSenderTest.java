package dev.notifier.channel.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.SampleReports;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeCom sender against a real HTTP server: the shared contract, golden markdown bodies, text
 * with mentions, image messages, and WeCom's own errcodes.
 */
class WeComSenderTest extends ChannelContract {

  private static final String KEY = "0f3c9a7e-secret-wecom-key";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected ChannelSender sender() {
    return new WeComSender(
        http, json, java.time.Clock.systemUTC(), dev.notifier.testing.TestCharts.images());
  }

  @Override
  protected Destination destination(String origin) {
    return ChannelConfigs.destination(
        sender(), 1, "ops", origin + "/cgi-bin/webhook/send?key=" + KEY, null, Map.of());
  }

  @Override
  protected Reply accepted() {
    return ChatStandIn.WECOM_OK;
  }

  @Override
  protected List<String> credentials() {
    return List.of(KEY);
  }

  @Override
  protected void assertCut(String sentBody) {
    String content = json.readTree(sentBody).get("markdown").get("content").asString();
    assertThat(content).endsWith(Truncation.MARKER);
    assertThat(utf8Length(content))
        .isLessThanOrEqualTo(WeComLimits.MARKDOWN_MAX_BYTES)
        .isGreaterThan(WeComLimits.MARKDOWN_MAX_BYTES - 8);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    String content = json.readTree(bodies.getFirst()).get("markdown").get("content").asString();
    assertThat(utf8Length(content)).isLessThanOrEqualTo(WeComLimits.MARKDOWN_MAX_BYTES);
  }

  static Stream<Arguments> errcodes() {
    return Stream.of(
        Arguments.of(
            "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}",
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
            Disposition.RETRYABLE,
            FailureReason.SERVER_ERROR),
        Arguments.of(
            "{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}",
            Disposition.PERMANENT,
            FailureReason.TOO_LARGE),
        Arguments.of(
            "{\"errcode\":93000,\"errmsg\":\"invalid webhook url, key " + KEY + "\"}",
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            "{\"errcode\":12345,\"errmsg\":\"something new\"}",
            Disposition.RETRYABLE,
            FailureReason.PLATFORM_ERROR));
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("wecom", "zh-CN", "Asia/Shanghai");
  }

  @Test
  void theTitleIsColouredByLevel() {
    platform.respond(r -> accepted());
    send(message("hello"));
    assertThat(content(platform.accepted().getFirst().body(), "markdown"))
        .startsWith("## <font color=\"warning\">Title</font>\n\n> hello");
  }

  @Test
  void markdownMentionsUserIdsInline() {
    platform.respond(r -> accepted());
    sender().send(target(Map.of("mentionedList", List.of("zhangsan", "lisi"))), message("hi"));
    String content = content(platform.accepted().getFirst().body(), "markdown");
    assertThat(content).endsWith("\n<@zhangsan><@lisi>");
  }

  @Test
  void mobilesOrEveryoneMakeItATextMessageWithBothLists() {
    platform.respond(r -> accepted());
    sender()
        .send(
            target(
                Map.of(
                    "mentionedList",
                    List.of("@all"),
                    "mentionedMobileList",
                    List.of("13800000000"))),
            message("hi"));
    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.get("msgtype").asString()).isEqualTo("text");
    assertThat(body.at("/text/content").asString())
        .isEqualTo("Title\n\nhi\n\n--\nfooter")
        .doesNotContain("**", "<font");
    assertThat(body.at("/text/mentioned_list/0").asString()).isEqualTo("@all");
    assertThat(body.at("/text/mentioned_mobile_list/0").asString()).isEqualTo("13800000000");
  }

  @Test
  void aTextMessageIsCutToItsOwnLimit() {
    platform.respond(r -> accepted());
    sender().send(target(Map.of("msgtype", "text")), message("熔断".repeat(2_000)));
    String content = content(platform.accepted().getFirst().body(), "text");
    assertThat(content).endsWith(Truncation.MARKER);
    assertThat(utf8Length(content))
        .isLessThanOrEqualTo(WeComLimits.TEXT_MAX_BYTES)
        .isGreaterThan(WeComLimits.TEXT_MAX_BYTES - 8);
  }

  @Test
  void anImageGoesAsBase64WithTheMd5OfItsBytes() throws Exception {
    platform.respond(r -> accepted());
    byte[] picture = new byte[50_000];
    new Random(7).nextBytes(picture);

    assertThat(((WeComSender) sender()).sendImage(target(Map.of()), picture))
        .isEqualTo(SendOutcome.delivered());

    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.get("msgtype").asString()).isEqualTo("image");
    byte[] arrived = Base64.getDecoder().decode(body.at("/image/base64").asString());
    assertThat(arrived).isEqualTo(picture);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(arrived));
    assertThat(body.at("/image/md5").asString()).isEqualTo(md5);
  }

  @Test
  void anImageOverTwoMegabytesIsRefusedBeforeSending() {
    platform.respond(r -> accepted());
    SendOutcome outcome =
        ((WeComSender) sender()).sendImage(target(Map.of()), new byte[2 * 1024 * 1024 + 1]);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TOO_LARGE));
    assertThat(platform.all()).isEmpty();
  }

  @Test
  void aReportsChartsFollowItsTextAsImageMessages() throws Exception {
    // given a usage report, whose message carries four charts
    platform.respond(r -> accepted());
    Message report = SampleReports.message(null, Presentation.of("zh-CN", "Asia/Shanghai"));

    // when it is sent
    assertThat(sender().send(target(Map.of()), report)).isEqualTo(SendOutcome.delivered());

    // then the markdown, then one image per chart: a PNG whose MD5 is the one given
    List<ChatStandIn.Request> sent = platform.accepted();
    assertThat(sent).hasSize(1 + report.charts().size());
    assertThat(json.readTree(sent.getFirst().body()).get("msgtype").asString())
        .isEqualTo("markdown");
    for (ChatStandIn.Request image : sent.subList(1, sent.size())) {
      JsonNode body = json.readTree(image.body());
      assertThat(body.get("msgtype").asString()).isEqualTo("image");
      byte[] png = Base64.getDecoder().decode(body.at("/image/base64").asString());
      assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png))).isNotNull();
      assertThat(png.length).isLessThanOrEqualTo(WeComLimits.IMAGE_MAX_BYTES);
      assertThat(body.at("/image/md5").asString())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(png)));
    }
  }

  @Test
  void aChartThatCannotBeDrawnLeavesTheTextToCarryTheFacts() {
    // given a machine where drawing fails (no fonts, say)
    platform.respond(r -> accepted());
    dev.notifier.chart.ChartImages broken =
        new dev.notifier.chart.ChartImages(
            new dev.notifier.chart.ChartProperties("light", 800, 480)) {
          @Override
          public byte[] png(dev.notifier.message.Chart chart) {
            throw new InternalError("Fontconfig head is null");
          }
        };
    ChannelSender wecom = new WeComSender(http, json, java.time.Clock.systemUTC(), broken);

    // when a report is sent, then its text is delivered alone
    assertThat(
            wecom.send(
                target(Map.of()),
                SampleReports.message(null, Presentation.of("zh-CN", "Asia/Shanghai"))))
        .isEqualTo(SendOutcome.delivered());
    assertThat(platform.accepted()).hasSize(1);
    assertThat(platform.accepted().getFirst().body()).contains("markdown");
  }

  @Test
  void aRetryAfterAChartWasRefusedSendsOnlyWhatIsMissing() {
    // given a bot that rate-limits the third message once
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    platform.respond(
        r ->
            calls.incrementAndGet() == 3
                ? Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")
                : accepted());
    ChannelSender wecom = sender();
    Message report = SampleReports.message(null, Presentation.of("zh-CN", "Asia/Shanghai"));

    // when the report is sent, refused part-way, and sent again
    assertThat(wecom.send(target(Map.of()), report)).isInstanceOf(Failed.class);
    assertThat(wecom.send(target(Map.of()), report)).isEqualTo(SendOutcome.delivered());

    // then the text went once, and every chart once
    List<String> types =
        platform.accepted().stream()
            .map(r -> json.readTree(r.body()).get("msgtype").asString())
            .toList();
    assertThat(types).containsExactly("markdown", "image", "image", "image", "image");
  }

  private Destination target(Map<String, Object> config) {
    return ChannelConfigs.destination(
        sender(), 1, "ops", origin() + "/cgi-bin/webhook/send?key=" + KEY, null, config);
  }

  private String content(String body, String msgtype) {
    return json.readTree(body).get(msgtype).get("content").asString();
  }

  @Test
  void aRateLimitKeepsTheBotQuietForItsMinuteUnlessTheReplySaysOtherwise() {
    platform.respond(r -> Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
              assertThat(f.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            });

    platform.respond(
        r ->
            new Reply(
                200,
                "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}",
                Map.of("Retry-After", "7")));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @ParameterizedTest
  @MethodSource("errcodes")
  void everyErrcodeIsClassifiedAndNoneLeaksTheKey(
      String answer, Disposition disposition, FailureReason reason) {
    platform.respond(r -> Reply.json(answer));

    SendOutcome outcome = send(message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(KEY);
            });
  }
}
