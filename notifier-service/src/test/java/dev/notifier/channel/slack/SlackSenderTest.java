package dev.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack sender against a real HTTP server: the shared contract, Block Kit and Slack's words.
 */
class SlackSenderTest extends ChannelContract {

  private static final String PATH = "/services/T0AAA0AAA/B0BBB0BBB/s3cr3tS1ackWebhookT0ken";
  private static final String TOKEN = "s3cr3tS1ackWebhookT0ken";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected ChannelSender sender() {
    return new SlackSender(http, json);
  }

  @Override
  protected Destination destination(String origin) {
    return new Destination(3, "ops", origin + PATH, null);
  }

  @Override
  protected Reply accepted() {
    return new Reply(200, "ok", Map.of("Content-Type", "text/html"));
  }

  @Override
  protected List<String> credentials() {
    return List.of(TOKEN);
  }

  @Override
  protected void assertCut(String sentBody) {
    String text = json.readTree(sentBody).at("/blocks/1/text/text").asString();
    assertThat(text).endsWith(Truncation.MARKER);
    assertThat(text.length()).isLessThanOrEqualTo(SlackLimits.SECTION_MAX_CHARS);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    JsonNode body = json.readTree(bodies.getFirst());
    assertThat(body.path("text").asString("").length())
        .isLessThanOrEqualTo(SlackLimits.TEXT_MAX_CHARS);
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(SlackLimits.MAX_BLOCKS);
    for (JsonNode block : blocks) {
      String type = block.get("type").asString();
      if (type.equals("header")) {
        assertThat(block.at("/text/text").asString().length())
            .isLessThanOrEqualTo(SlackLimits.HEADER_MAX_CHARS);
      }
      if (block.has("text")) {
        assertThat(block.at("/text/text").asString().length())
            .isLessThanOrEqualTo(SlackLimits.SECTION_MAX_CHARS);
      }
      if (block.has("fields")) {
        assertThat(block.get("fields").size()).isLessThanOrEqualTo(SlackLimits.FIELDS_PER_SECTION);
        for (JsonNode field : block.get("fields")) {
          assertThat(field.get("text").asString().length())
              .isLessThanOrEqualTo(SlackLimits.FIELD_MAX_CHARS);
        }
      }
      if (block.has("elements")) {
        for (JsonNode element : block.get("elements")) {
          assertThat(element.path("text").asString("").length())
              .isLessThanOrEqualTo(SlackLimits.TEXT_MAX_CHARS);
        }
      }
    }
  }

  @Test
  void aBindingsMentionsPingMembersAndGroupsUnderTheHeader() {
    String body =
        sendMentioning(
            Map.of("users", List.of("U024BE7LH"), "groups", List.of("SAZ94GDB8")), message("hi"));

    assertThat(json.readTree(body).at("/blocks/1/text/text").asString())
        .isEqualTo("<@U024BE7LH> <!subteam^SAZ94GDB8>");
    assertThat(sender().checkMentions(Map.of("users", List.of("<!channel>"))))
        .extracting(dev.notifier.channel.ConfigProblem::field)
        .containsExactly("mentions.users");
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("slack", "en", "UTC");
  }

  @Test
  void ampersandsAndAngleBracketsAreEscapedInMrkdwn() {
    platform.respond(r -> accepted());
    send(message("<!channel> & <http://evil|click>"));
    JsonNode body = json.readTree(platform.accepted().getFirst().body());
    assertThat(body.at("/blocks/1/text/text").asString())
        .isEqualTo("&lt;!channel&gt; &amp; &lt;http://evil｜click&gt;");
  }

  @Test
  void moreThanTenFieldsAreSplitAcrossSections() {
    platform.respond(r -> accepted());
    List<Block.Field> fields =
        IntStream.range(0, 13)
            .mapToObj(i -> new Block.Field("f" + i, List.of(Span.plain("v" + i))))
            .toList();
    send(new Message("T", Level.INFO, List.of(new Block.Fields("", fields)), "footer", Map.of()));
    JsonNode blocks = json.readTree(platform.accepted().getFirst().body()).get("blocks");
    assertThat(blocks.get(1).get("fields").size()).isEqualTo(10);
    assertThat(blocks.get(2).get("fields").size()).isEqualTo(3);
    assertThat(blocks.get(3).get("type").asString()).isEqualTo("context");
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(400, "invalid_payload", Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(403, "action_prohibited", Disposition.PERMANENT, FailureReason.AUTH_ERROR),
        Arguments.of(404, "no_service", Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(410, "channel_is_archived", Disposition.PERMANENT, FailureReason.CLIENT_ERROR),
        Arguments.of(200, "something else", Disposition.RETRYABLE, FailureReason.INVALID_RESPONSE));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void slacksAnswersAreClassified(
      int status, String word, Disposition disposition, FailureReason reason) {
    platform.respond(r -> new Reply(status, word, Map.of("Content-Type", "text/html")));
    assertThat(send(message("hello")))
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(TOKEN);
            });
  }
}
