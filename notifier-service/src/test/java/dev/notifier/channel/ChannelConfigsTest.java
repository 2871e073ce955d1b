package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A target's stored settings are bound once to what its sender reads: strictly when saved, naming
 * the field that is wrong; leniently when loaded, so that a setting an older version took does not
 * break the target.
 */
class ChannelConfigsTest {

  /** A channel with settings of each kind a real one has: an enum, a number, a list or one text. */
  record SampleConfig(
      @Nullable Kind kind,
      @JsonProperty("thread_id") @Nullable Long threadId,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> to)
      implements ChannelConfig {

    enum Kind {
      @JsonProperty("text")
      TEXT,
      @JsonProperty("card")
      CARD;

      @Override
      public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }

  private static final ChannelSender SAMPLE =
      new ChannelSender() {
        @Override
        public String channel() {
          return "sample";
        }

        @Override
        public SendOutcome send(Destination destination, Message message) {
          throw new AssertionError("nothing is sent here");
        }

        @Override
        public Class<SampleConfig> configType() {
          return SampleConfig.class;
        }

        @Override
        public List<MentionRules.Rule> mentionRules() {
          return List.of(
              MentionRules.Rule.ids("users", "[a-z]+", "names"), MentionRules.Rule.flag("all"));
        }
      };

  private static ChannelConfigs.Bound save(Map<String, Object> config) {
    return ChannelConfigs.bind(
        ChannelConfigs.Reading.SAVE, SAMPLE, 7, "ops", "https://127.0.0.1/hook", null, config);
  }

  private static ChannelConfigs.Bound load(Map<String, Object> config) {
    return ChannelConfigs.bind(
        ChannelConfigs.Reading.SEND, SAMPLE, 7, "ops", "https://127.0.0.1/hook", null, config);
  }

  private static List<ConfigProblem> problems(ChannelConfigs.Bound bound) {
    return bound instanceof ChannelConfigs.Invalid invalid ? invalid.problems() : List.of();
  }

  @Test
  void everyKindOfSettingIsBoundToItsTypeAndMentionsAndOptionsAreSplitOff() {
    Destination d =
        ChannelConfigs.destination(
            SAMPLE,
            7,
            "ops",
            "https://127.0.0.1/hook",
            null,
            Map.of(
                "kind",
                "card",
                "thread_id",
                42,
                "to",
                "a@example.com, b@example.com",
                "users",
                List.of("ann", "bob"),
                "all",
                true,
                "proxy",
                "socks5://127.0.0.1:1080",
                "rateLimits",
                List.of(Map.of("limit", 3, "perSeconds", 60))));

    assertThat(d.config(SampleConfig.class))
        .isEqualTo(
            new SampleConfig(SampleConfig.Kind.CARD, 42L, List.of("a@example.com, b@example.com")));
    assertThat(d.mentions().ids("users")).containsExactly("ann", "bob");
    assertThat(d.mentions().on("all")).isTrue();
    assertThat(d.options().proxy()).map(p -> p.display()).contains("socks5://127.0.0.1:1080");
    assertThat(d.options().limits(List.of()))
        .containsExactly(new RateLimit(3, Duration.ofMinutes(1)));
  }

  @Test
  void onSaveAnUnknownSettingIsRefusedNamingItAndTheKnownOnes() {
    assertThat(problems(save(Map.of("knd", "card"))))
        .containsExactly(
            new ConfigProblem(
                "config.knd", "unknown setting; expected one of [kind, thread_id, to]"));
  }

  @Test
  void aValueOfAnotherTypeIsRefusedNotCoercedAndTheValueIsNotEchoed() {
    assertThat(problems(save(Map.of("thread_id", "12"))))
        .containsExactly(new ConfigProblem("config.thread_id", "expected a whole number"));
    assertThat(problems(save(Map.of("to", List.of(5)))))
        .extracting(ConfigProblem::field)
        .containsExactly("config.to.0");
    assertThat(problems(save(Map.of("kind", "html-secret-value"))))
        .containsExactly(new ConfigProblem("config.kind", "expected one of [text, card]"));
  }

  @Test
  void aMalformedSharedOptionIsRefusedOnItsField() {
    assertThat(problems(save(Map.of("rateLimits", "fast"))))
        .extracting(ConfigProblem::field)
        .containsExactly("config.rateLimits");
    assertThat(problems(save(Map.of("proxy", "ftp://127.0.0.1:21"))))
        .extracting(ConfigProblem::field)
        .containsExactly("config.proxy");
  }

  @Test
  void aStoredTargetWithASettingThisVersionDoesNotKnowStillLoads() {
    assertThat(load(Map.of("kind", "text", "retired", true)))
        .isInstanceOfSatisfying(
            ChannelConfigs.Ok.class,
            ok ->
                assertThat(ok.destination().config(SampleConfig.class).kind())
                    .isEqualTo(SampleConfig.Kind.TEXT));
    // a value of the wrong type cannot be sent with, old or not
    assertThat(problems(load(Map.of("thread_id", true))))
        .extracting(ConfigProblem::field)
        .containsExactly("config.thread_id");
  }

  @Test
  void aBindingsMentionsAreAddedToTheTargetsOwn() {
    MentionSet target =
        MentionSet.of(
            Map.of("users", List.of("ann"), "all", false), java.util.Set.of("users", "all"));
    MentionSet binding =
        MentionSet.of(
            Map.of("users", List.of("bob", "ann"), "all", true), java.util.Set.of("users", "all"));

    MentionSet both = target.plus(binding);

    assertThat(both.ids("users")).containsExactly("ann", "bob");
    assertThat(both.on("all")).isTrue();
    assertThat(target.on("all")).isFalse();
  }
}
