package dev.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filters over the samples: each dimension, names and ids, levels, keywords, and what is refused.
 */
class FiltersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Presentation EN = Presentation.of("en", "UTC");

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "circuit_breaker | {\"providers\": [\"1\"]}                         | true",
        "circuit_breaker | {\"providers\": [\"anthropic 官方\"]}             | true",
        "circuit_breaker | {\"providers\": [\"2\", \"OpenAI\"]}              | false",
        "circuit_breaker | {\"min_level\": \"error\"}                       | true",
        "circuit_breaker | {\"keywords\": [\"RATE_LIMIT\"]}                  | true",
        "circuit_breaker | {\"keywords\": [\"quota\"]}                       | false",
        "cost_alert      | {\"min_level\": \"error\"}                       | false",
        "cost_alert      | {\"min_level\": \"warning\"}                     | true",
        "cache_hit_alert | {\"models\": [\"claude-opus-4\"]}                | true",
        "cache_hit_alert | {\"providers\": [\"5\"], \"models\": [\"claude-opus-4\"]} | false",
        "cache_hit_alert | {\"providers\": [\"3\"], \"models\": [\"claude-opus-4\"]} | true",
        "usage_report    | {\"keywords\": [\"nothing like this\"]}           | false",
        "usage_report    | {}                                              | true",
      })
  void aFilterPassesWhatMatchesEveryDimensionItNames(String type, String filters, boolean passes) {
    NotificationType t = NotificationType.fromWireName(type).orElseThrow();
    List<ConfigProblem> problems = new ArrayList<>();
    Filters parsed = Filters.parse(JSON.readTree(filters), t, problems);

    assertThat(problems).isEmpty();
    assertThat(parsed.passes(t, Samples.of(t, EN))).isEqualTo(passes);
  }

  @Test
  void aRecoveryPassesTheLevelItsAlertPassed() {
    List<ConfigProblem> problems = new ArrayList<>();
    Filters errorsOnly =
        Filters.parse(
            JSON.readTree("{\"min_level\": \"error\", \"providers\": [\"2\"]}"),
            NotificationType.CIRCUIT_BREAKER,
            problems);
    Message closed = Samples.breakerClosed(EN);

    assertThat(problems).isEmpty();
    assertThat(closed.level()).isEqualTo(dev.notifier.message.Level.OK);
    // the provider filter still applies to it: the sample is provider 1's
    assertThat(errorsOnly.passes(NotificationType.CIRCUIT_BREAKER, closed)).isFalse();
    Filters errors =
        Filters.parse(
            JSON.readTree("{\"min_level\": \"error\"}"),
            NotificationType.CIRCUIT_BREAKER,
            problems);
    assertThat(errors.passes(NotificationType.CIRCUIT_BREAKER, closed)).isTrue();
  }

  @Test
  void aCostFilterNamingUsersAndKeysPassesEitherSubject() {
    Message sample = Samples.of(NotificationType.COST_ALERT, EN);
    String who = String.valueOf(sample.variables().get("target_type")) + "s";
    String name = String.valueOf(sample.variables().get("target_name"));
    String other = who.equals("users") ? "keys" : "users";
    List<ConfigProblem> problems = new ArrayList<>();

    Filters either =
        Filters.parse(
            JSON.readTree(
                "{\"" + who + "\": [\"" + name + "\"], \"" + other + "\": [\"someone-else\"]}"),
            NotificationType.COST_ALERT,
            problems);
    Filters neither =
        Filters.parse(
            JSON.readTree("{\"" + other + "\": [\"" + name + "\"]}"),
            NotificationType.COST_ALERT,
            problems);

    assertThat(problems).isEmpty();
    assertThat(either.passes(NotificationType.COST_ALERT, sample)).isTrue();
    assertThat(neither.passes(NotificationType.COST_ALERT, sample)).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "circuit_breaker   | {\"models\": [\"gpt-4o\"]}     | filters.models",
        "daily_leaderboard | {\"providers\": [\"1\"]}       | filters.providers",
        "circuit_breaker   | {\"colour\": [\"red\"]}        | filters.colour",
        "circuit_breaker   | {\"providers\": \"1\"}         | filters.providers",
        "circuit_breaker   | {\"providers\": [\"\"]}        | filters.providers",
        "circuit_breaker   | {\"min_level\": \"loud\"}      | filters.min_level",
        "circuit_breaker   | [1]                           | filters",
      })
  void aFilterThatCannotWorkIsRefusedNamingItsField(String type, String filters, String field) {
    List<ConfigProblem> problems = new ArrayList<>();

    Filters.parse(
        JSON.readTree(filters), NotificationType.fromWireName(type).orElseThrow(), problems);

    assertThat(problems).extracting(ConfigProblem::field).containsExactly(field);
  }
}
