package dev.notifier.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.Multipart;
import dev.notifier.testing.SampleReports;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Telegram sender against a real HTTP server: the shared contract, HTML and splitting. */
class TelegramSenderTest extends ChannelContract {

  private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final String CHAT = "-1001234567890";

  private final JsonMapper json = JsonMapper.builder().build();

  private final TelegramSender telegram =
      new TelegramSender(http, json, Clock.systemUTC(), dev.notifier.testing.TestCharts.images());

  @Override
  protected Markup markup() {
    return Markup.HTML;
  }

  @Override
  protected ChannelSender sender() {
    return telegram;
  }

  @Override
  protected Destination destination(String origin) {
    return ChannelConfigs.destination(
        sender(), 7, "ops", origin, TOKEN, Map.of("chat_id", CHAT, "message_thread_id", 42));
  }

  @Override
  protected Reply accepted() {
    return Reply.json("{\"ok\":true,\"result\":{\"message_id\":1}}");
  }

  @Override
  protected List<String> credentials() {
    return List.of(TOKEN);
  }

  /**
   * Telegram splits instead of cutting: every part valid HTML within 4096 visible characters,
   * nothing lost.
   */
  @Override
  protected void assertCut(String firstBody) {
    assertThat(platform.accepted()).hasSizeGreaterThan(1);
    StringBuilder all = new StringBuilder();
    for (var request : platform.accepted()) {
      String text = json.readTree(request.body()).get("text").asString();
      String visible = TelegramParser.visible(text);
      assertThat(visible.length()).isLessThanOrEqualTo(TelegramHtml.MAX_CHARS);
      all.append(visible);
    }
    // a part cut inside the line is marked, and nothing is lost between the marks
    assertThat(all.toString()).contains(TelegramHtml.CUT_MARKER);
    assertThat(all.toString().replace(TelegramHtml.CUT_MARKER, "")).contains("熔断".repeat(12_000));
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).isNotEmpty();
    for (String body : bodies) {
      String visible = TelegramParser.visible(json.readTree(body).get("text").asString());
      assertThat(visible.length()).isBetween(1, TelegramHtml.MAX_CHARS);
      assertThat(visible).isNotBlank();
    }
  }

  @Test
  void aBindingsMentionsEndTheTextAsUsernamesAndUserLinks() {
    String body =
        sendMentioning(
            Map.of("usernames", List.of("alice_ops"), "user_ids", List.of("42")), message("hi"));

    assertThat(json.readTree(body).get("text").asString())
        .endsWith("\n\n@alice_ops <a href=\"tg://user?id=42\">42</a>");
    assertThat(sender().checkMentions(Map.of("user_ids", List.of("42\"><b>"))))
        .extracting(dev.notifier.channel.ConfigProblem::field)
        .containsExactly("mentions.user_ids");
  }

  @Test
  void aReportsChartsFollowItsTextAsPhotosUploadedAsMultipart() throws Exception {
    // given a usage report, whose message carries four charts
    platform.respond(r -> accepted());
    Message report = SampleReports.message(null, Presentation.of("en", "UTC"));

    // when it is sent
    assertThat(telegram.send(destination(origin()), report)).isEqualTo(SendOutcome.delivered());

    // then sendMessage, then one sendPhoto per chart to the same chat and topic, each a PNG
    List<ChatStandIn.Request> sent = platform.accepted();
    assertThat(sent).hasSize(1 + report.charts().size());
    assertThat(sent.getFirst().path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    for (int i = 1; i < sent.size(); i++) {
      ChatStandIn.Request photo = sent.get(i);
      assertThat(photo.path()).isEqualTo("/bot" + TOKEN + "/sendPhoto");
      Map<String, Multipart.Part> form = new java.util.LinkedHashMap<>();
      Multipart.parse(photo).forEach(part -> form.put(part.name(), part));
      assertThat(form.get("chat_id").text()).isEqualTo(CHAT);
      assertThat(form.get("message_thread_id").text()).isEqualTo("42");
      assertThat(form.get("caption").text()).isEqualTo(report.charts().get(i - 1).title());
      Multipart.Part file = form.get("photo");
      assertThat(file.fileName()).isEqualTo(report.charts().get(i - 1).name() + ".png");
      assertThat(file.contentType()).isEqualTo("image/png");
      java.awt.image.BufferedImage png =
          javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(file.content()));
      assertThat(png.getWidth()).isEqualTo(800);
    }
  }

  @Test
  void aRetryAfterAPhotoWasRefusedSendsOnlyWhatIsMissing() {
    // given a chat that answers the fourth request with 429 once
    AtomicInteger calls = new AtomicInteger();
    platform.respond(
        r ->
            calls.incrementAndGet() == 4
                ? Reply.status(
                    429,
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
                        + "\"parameters\":{\"retry_after\":1}}")
                : accepted());
    Message report = SampleReports.message(null, Presentation.of("en", "UTC"));

    // when the report is sent, refused part-way, and sent again
    assertThat(telegram.send(destination(origin()), report)).isInstanceOf(Failed.class);
    assertThat(telegram.send(destination(origin()), report)).isEqualTo(SendOutcome.delivered());

    // then the text went once, and every chart once
    assertThat(platform.accepted())
        .extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1))
        .containsExactly("sendMessage", "sendPhoto", "sendPhoto", "sendPhoto", "sendPhoto");
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("telegram", "zh-CN", "Asia/Shanghai");
  }

  @Test
  void itPostsToTheBotsSendMessageWithHtmlEscaped() {
    platform.respond(r -> accepted());
    send(message("<script> & co"));
    var request = platform.accepted().getFirst();
    assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    JsonNode body = json.readTree(request.body());
    assertThat(body.get("chat_id").asString()).isEqualTo(CHAT);
    assertThat(body.get("message_thread_id").asInt()).isEqualTo(42);
    assertThat(body.get("parse_mode").asString()).isEqualTo("HTML");
    assertThat(body.get("text").asString()).contains("&lt;script&gt; &amp; co");
  }

  @Test
  void aRetryAfterALaterPartFailedSendsOnlyWhatIsMissing() {
    AtomicInteger requests = new AtomicInteger();
    platform.respond(
        r -> requests.incrementAndGet() == 3 ? Reply.status(502, "bad gateway") : accepted());
    var message = message("熔断".repeat(6_000));

    assertThat(send(message)).isInstanceOf(SendOutcome.Failed.class);
    assertThat(send(message)).isEqualTo(SendOutcome.delivered());

    StringBuilder all = new StringBuilder();
    for (var request : platform.accepted()) {
      all.append(json.readTree(request.body()).get("text").asString());
    }
    // every part once, in order: the two accepted before the failure were not sent again
    assertThat(all.toString()).isEqualTo(String.join("", TelegramHtml.parts(message)));
    assertThat(platform.all()).hasSize(platform.accepted().size() + 1);

    // and the same message later is a new message, sent whole
    int before = platform.accepted().size();
    assertThat(send(message)).isEqualTo(SendOutcome.delivered());
    assertThat(platform.accepted().size() - before).isEqualTo(before);
  }

  @Test
  void retryAfterFromTheBodyIsHonoured() {
    platform.respond(
        r ->
            new Reply(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                    + "\"parameters\":{\"retry_after\":5}}",
                Map.of("Content-Type", "application/json")));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
              assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            });
  }

  @Test
  void aBlockedBotOrBadEntitiesArePermanent() {
    platform.respond(
        r ->
            new Reply(
                403,
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}",
                Map.of()));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.disposition()).isEqualTo(Disposition.PERMANENT));
    platform.respond(
        r ->
            new Reply(
                400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities\"}",
                Map.of()));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.CLIENT_ERROR));
  }

  @Test
  void aTargetWithoutAChatIsABadConfigurationNotARequest() {
    SendOutcome outcome =
        sender()
            .send(
                ChannelConfigs.destination(sender(), 8, "x", null, TOKEN, Map.of()),
                message("hello"));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.BAD_CONFIG));
    assertThat(platform.all()).isEmpty();
  }
}
