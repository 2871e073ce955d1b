package dev.notifier.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.testing.ChatStandIn.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Teams sender against a real HTTP server: the shared contract and the Adaptive Card. */
class TeamsSenderTest extends ChannelContract {

  private static final String SIG = "Xk9vT3mQw2LpZ8rS1uV4yB6nC0dE5fG7hJ";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected ChannelSender sender() {
    return new TeamsSender(http, json);
  }

  @Override
  protected Destination destination(String origin) {
    return new Destination(
        6,
        "ops",
        origin
            + "/workflows/1f2e3d4c/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers&sv=1.0&sig="
            + SIG,
        null);
  }

  @Override
  protected Reply accepted() {
    return new Reply(202, "", Map.of());
  }

  @Override
  protected List<String> credentials() {
    return List.of(SIG);
  }

  @Override
  protected void assertCut(String sentBody) {
    assertThat(utf8Length(sentBody)).isLessThanOrEqualTo(TeamsSender.BODY_MAX_BYTES);
    JsonNode body = json.readTree(sentBody).at("/attachments/0/content/body");
    assertThat(body.get(1).get("text").asString()).endsWith(Truncation.MARKER);
  }

  @Override
  protected void assertFits(List<String> bodies) {
    assertThat(bodies).hasSize(1);
    assertThat(utf8Length(bodies.getFirst())).isLessThanOrEqualTo(TeamsSender.BODY_MAX_BYTES);
  }

  @Test
  void aBindingsMentionsAreAtTagsWithTheirMentionEntities() {
    String body = sendMentioning(Map.of("users", List.of("ops@example.com")), message("hi"));

    JsonNode card = json.readTree(body).at("/attachments/0/content");
    assertThat(card.at("/body/1/text").asString()).isEqualTo("<at>ops@example.com</at>");
    assertThat(card.at("/msteams/entities/0/type").asString()).isEqualTo("mention");
    assertThat(card.at("/msteams/entities/0/text").asString())
        .isEqualTo("<at>ops@example.com</at>");
    assertThat(card.at("/msteams/entities/0/mentioned/id").asString()).isEqualTo("ops@example.com");
  }

  @Test
  void eachNotificationTypeIsSentExactlyAsTheGoldenFileSays() {
    assertGoldenBodies("teams", "en", "UTC");
  }

  @Test
  void theTitleColourFollowsTheLevel() {
    platform.respond(r -> accepted());
    Map<Level, String> colours =
        Map.of(
            Level.ERROR,
            "Attention",
            Level.WARNING,
            "Warning",
            Level.INFO,
            "Accent",
            Level.OK,
            "Good");
    for (var level : colours.entrySet()) {
      send(new Message("T", level.getKey(), List.of(), "f", Map.of()));
      JsonNode title =
          json.readTree(platform.all().getLast().body()).at("/attachments/0/content/body/0");
      assertThat(title.get("color").asString()).isEqualTo(level.getValue());
    }
  }
}
