package dev.notifier.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.LiveCheck;
import dev.notifier.channel.MentionRules;
import dev.notifier.egress.AddressGuard;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.DingTalkRobot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DingTalk keyword check on save, against a real HTTP server that refuses a message without the
 * robot's keyword the way DingTalk does; and the settings refused before anything is sent.
 */
class DingTalkSettingsTest {

  private static final String TOKEN = "c0ffee-dingtalk-access-token-4f2a";

  private final ChatStandIn robot = new ChatStandIn();
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpTransport http =
      new HttpTransport(
          new ChannelProperties(Duration.ofSeconds(1), Duration.ofSeconds(1)),
          AddressGuard.allowing("127.0.0.1"));
  private final DingTalkSender sender = new DingTalkSender(http, json, Clock.systemUTC());

  @AfterEach
  void stop() {
    http.close();
    robot.close();
  }

  @Test
  void withoutAKeywordNothingIsSentOnSave() {
    assertThat(sender.checkLive(target(Map.of()), probe())).isEqualTo(LiveCheck.NOT_NEEDED);
    assertThat(robot.all()).isEmpty();
  }

  @Test
  void theRobotsOwnKeywordPassesAndTheCheckMessageCarriesIt() {
    robot.respond(new DingTalkRobot("告警"));

    LiveCheck check = sender.checkLive(target(Map.of("keyword", "告警")), probe());

    assertThat(check).isInstanceOf(LiveCheck.Passed.class);
    assertThat(robot.accepted()).hasSize(1);
    assertThat(json.readTree(robot.accepted().getFirst().body()).at("/markdown/text").asString())
        .contains("告警");
  }

  @Test
  void aKeywordTheRobotDoesNotHaveIsBlamedOnConfigKeyword() {
    robot.respond(new DingTalkRobot("告警"));

    LiveCheck check = sender.checkLive(target(Map.of("keyword", "报警")), probe());

    assertThat(check)
        .isInstanceOfSatisfying(
            LiveCheck.Refused.class,
            r -> {
              assertThat(r.problem().field()).isEqualTo("config.keyword");
              assertThat(r.problem().message())
                  .contains("\"报警\"", "keywords not in content")
                  .doesNotContain(TOKEN);
            });
  }

  @Test
  void aBadSignatureIsBlamedOnTheSecret() {
    robot.respond(r -> Reply.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));

    LiveCheck check = sender.checkLive(target(Map.of("keyword", "告警")), probe());

    assertThat(((LiveCheck.Refused) check).problem().field()).isEqualTo("secret");
  }

  @Test
  void aBusyOrThrottledRobotDecidesNothing() {
    robot.respond(r -> Reply.status(503, "busy"));
    assertThat(sender.checkLive(target(Map.of("keyword", "告警")), probe()))
        .isInstanceOf(LiveCheck.Inconclusive.class);

    robot.respond(r -> Reply.json("{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));
    assertThat(sender.checkLive(target(Map.of("keyword", "告警")), probe()))
        .isInstanceOf(LiveCheck.Inconclusive.class);
  }

  @Test
  void settingsDingTalkCannotUseAreNamedBeforeAnythingIsSent() {
    Map<String, Object> bad =
        Map.of("keyword", " 告警", "atMobiles", "13800000000", "isAtAll", "yes");
    Destination unsigned =
        ChannelConfigs.destination(sender, 1, "ops", robot.url("/robot/send"), null, bad);

    assertThat(sender.check(unsigned))
        .extracting(ConfigProblem::field)
        .containsExactlyInAnyOrder("url", "config.keyword");
    assertThat(MentionRules.inSettings(bad, sender.mentionRules()))
        .extracting(ConfigProblem::field)
        .containsExactlyInAnyOrder("config.atMobiles", "config.isAtAll");
    assertThat(
            ChannelConfigs.bind(
                ChannelConfigs.Reading.SAVE,
                sender,
                1,
                "ops",
                robot.url("/"),
                null,
                Map.of("keyword", 42)))
        .isEqualTo(
            new ChannelConfigs.Invalid(
                List.of(new ConfigProblem("config.keyword", "expected text"))));
    assertThat(sender.check(target(Map.of("keyword", "告警", "atMobiles", List.of("138")))))
        .isEmpty();
    assertThat(robot.all()).isEmpty();
  }

  private Destination target(Map<String, Object> config) {
    return ChannelConfigs.destination(
        sender, 1, "ops", robot.url("/robot/send?access_token=" + TOKEN), null, config);
  }

  private static Message probe() {
    return new Message(
        "Test message",
        Level.INFO,
        List.of(new Block.Highlight(List.of(Span.plain("The notifier reached this channel.")))),
        "2026-11-23 09:00:00",
        Map.of());
  }
}
