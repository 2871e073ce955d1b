package dev.notifier.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.Multipart;
import dev.notifier.testing.SampleReports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Discord sender against a real HTTP server: the shared contract, embeds and rate limits. */
class DiscordSenderTest extends ChannelContract {

  private static final String TOKEN = "dQw4w9WgXcQ-discord-webhook-token-9f8e7d";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected ChannelSender sender() {
    return new DiscordSender(http, json, dev.notifier.testing.TestCharts.images());
  }

  @Override
  protected Destination destination(String origin) {
    return new Destination(4, "ops", origin + "/api/webhooks/123456789/" + TOKEN, null);
  }

  @Override
  protected Reply accepted() {
    return new Reply(204, "", Map.of());
  }

  @Override
  protected List<String> credentials() {
    return List.of(TOKEN);
  }

  @Override
  protected void assertCut(String sentBody) {
    JsonNode embed = json.readTree(sentBody).at("/embeds/0");
    String description = embed.get("description").asString();
    assertThat(description).endsWith(Truncation.MARKER);
    assertThat(description.length()).isLessThanOrEqualTo(DiscordLimits.DESCRIPTION_MAX_CHARS);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    JsonNode embed = json.readTree(bodies.getFirst()).at("/embeds/0");
    int total = 0;
    String title = embed.path("title").asString("");
    String description = embed.path("description").asString("");
    String footer = embed.at("/footer/text").asString("");
    assertThat(title.length()).isLessThanOrEqualTo(DiscordLimits.TITLE_MAX_CHARS);
    assertThat(description.length()).isLessThanOrEqualTo(DiscordLimits.DESCRIPTION_MAX_CHARS);
    assertThat(footer.length()).isLessThanOrEqualTo(DiscordLimits.FOOTER_MAX_CHARS);
    total += title.length() + description.length() + footer.length();
    JsonNode fields = embed.path("fields");
    assertThat(fields.size()).isLessThanOrEqualTo(DiscordLimits.MAX_FIELDS);
    for (JsonNode field : fields) {
      String name = field.get("name").asString();
      String value = field.get("value").asString();
      assertThat(name.length()).isLessThanOrEqualTo(DiscordLimits.FIELD_NAME_MAX_CHARS);
      assertThat(value.length()).isLessThanOrEqualTo(DiscordLimits.FIELD_VALUE_MAX_CHARS);
      total += name.length() + value.length();
    }
    assertThat(total).isLessThanOrEqualTo(DiscordLimits.EMBED_TOTAL_MAX_CHARS);
  }

  @Test
  void aReportAndItsChartsGoAsOneMultipartMessage() throws Exception {
    // given a usage report, whose message carries four charts
    platform.respond(r -> accepted());
    Message report = SampleReports.message(null, dev.notifier.message.Presentation.of("en", "UTC"));

    // when it is sent
    assertThat(send(report)).isEqualTo(SendOutcome.delivered());

    // then one request: the embed in payload_json, declaring each file it carries
    assertThat(platform.accepted()).hasSize(1);
    List<Multipart.Part> form = Multipart.parse(platform.accepted().getFirst());
    assertThat(form.getFirst().name()).isEqualTo("payload_json");
    JsonNode payload = JsonMapper.builder().build().readTree(form.getFirst().text());
    assertThat(payload.at("/embeds/0/title").asString()).isEqualTo("Usage report");
    assertThat(payload.at("/allowed_mentions/parse").size()).isZero();
    for (int i = 0; i < report.charts().size(); i++) {
      Multipart.Part file = form.get(i + 1);
      assertThat(file.name()).isEqualTo("files[" + i + "]");
      assertThat(file.contentType()).isEqualTo("image/png");
      assertThat(payload.at("/attachments/" + i + "/id").asInt()).isEqualTo(i);
      assertThat(payload.at("/attachments/" + i + "/filename").asString())
          .isEqualTo(file.fileName());
      assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(file.content())))
          .isNotNull();
    }
    assertThat(form).hasSize(1 + report.charts().size());
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("discord", "en", "UTC");
  }

  @Test
  void theColourFollowsTheLevelAndNobodyIsPinged() {
    platform.respond(r -> accepted());
    Map<Level, Integer> colours =
        Map.of(
            Level.ERROR,
            0xE74C3C,
            Level.WARNING,
            0xE67E22,
            Level.INFO,
            0x3498DB,
            Level.OK,
            0x2ECC71);
    for (var level : colours.entrySet()) {
      send(
          new Message(
              "T",
              level.getKey(),
              List.of(new Block.Highlight(List.of(Span.plain("@everyone look")))),
              "f",
              Map.of()));
      JsonNode body = json.readTree(platform.all().getLast().body());
      assertThat(body.at("/embeds/0/color").asInt()).isEqualTo(level.getValue());
      assertThat(body.at("/allowed_mentions/parse").size()).isZero();
    }
  }

  @Test
  void theEmbedStaysWithinItsLimits() {
    platform.respond(r -> accepted());
    List<Block.Field> fields =
        IntStream.range(0, 40)
            .mapToObj(i -> new Block.Field("f" + i, List.of(Span.plain("v".repeat(500)))))
            .toList();
    send(new Message("T", Level.INFO, List.of(new Block.Fields("", fields)), "footer", Map.of()));
    JsonNode embed = json.readTree(platform.all().getFirst().body()).at("/embeds/0");
    int total =
        embed.get("title").asString().length() + embed.at("/footer/text").asString().length();
    for (JsonNode field : embed.get("fields")) {
      total += field.get("name").asString().length() + field.get("value").asString().length();
    }
    total += embed.get("description").asString().length();
    assertThat(embed.get("fields").size()).isLessThanOrEqualTo(DiscordLimits.MAX_FIELDS);
    assertThat(total).isLessThanOrEqualTo(DiscordLimits.EMBED_TOTAL_MAX_CHARS);
  }

  @Test
  void retryAfterInTheBodyIsHonouredToTheMillisecond() {
    platform.respond(
        r ->
            new Reply(
                429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.234,\"global\":false}",
                Map.of("Retry-After", "2")));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
              assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(1234));
            });
  }

  @Test
  void anEmptyBucketAnnouncedInTheHeadersAsksForQuiet() {
    platform.respond(
        r ->
            new Reply(
                204, "", Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "1.5")));
    assertThat(send(message("hello")))
        .isEqualTo(SendOutcome.deliveredThenQuiet(Duration.ofMillis(1500)));

    platform.respond(
        r ->
            new Reply(
                204, "", Map.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset-After", "1.5")));
    assertThat(send(message("hello"))).isEqualTo(SendOutcome.delivered());
  }

  @Test
  void a200WithTheCreatedMessageIsDelivered() {
    platform.respond(r -> Reply.json("{\"id\":\"1180000000000000000\",\"type\":0}"));
    assertThat(send(message("hello"))).isEqualTo(SendOutcome.delivered());
  }
}
