package dev.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ConfigProblem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Mute windows: overnight, weekends, back to back, one-off, zones; and what is refused. */
class MuteTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  // 2026-12-05 is a Saturday
  @ParameterizedTest(name = "{0} at {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\"}]} | 2026-12-02T16:00:00Z | 2026-12-02T23:00:00Z",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\"}]} | 2026-12-02T15:00:00Z | 2026-12-02T23:00:00Z",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\"}]} | 2026-12-02T23:00:00Z | ",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\"}]} | 2026-12-02T12:00:00Z | ",
        "{\"windows\": [{\"days\": [\"sat\", \"sun\"], \"from\": \"00:00\", \"to\": \"24:00\"}]} | 2026-12-05T10:00:00Z | 2026-12-06T16:00:00Z",
        "{\"windows\": [{\"days\": [\"sat\", \"sun\"], \"from\": \"00:00\", \"to\": \"24:00\"}, {\"from\": \"23:00\", \"to\": \"09:00\"}]} | 2026-12-05T10:00:00Z | 2026-12-07T01:00:00Z",
        "{\"windows\": [{\"from\": \"09:00\", \"to\": \"10:00\"}], \"zone\": \"UTC\"} | 2026-12-02T09:30:00Z | 2026-12-02T10:00:00Z",
        "{\"until\": \"2026-12-02T12:00:00Z\"} | 2026-12-02T11:00:00Z | 2026-12-02T12:00:00Z",
        "{\"until\": \"2026-12-02T12:00:00Z\"} | 2026-12-02T12:00:00Z | ",
      })
  void aWindowHoldsUntilItsEnd(String rule, Instant at, Instant until) {
    List<ConfigProblem> problems = new ArrayList<>();
    Mute mute = Mute.parse(JSON.readTree(rule), problems);

    assertThat(problems).isEmpty();
    assertThat(mute.mutedUntil(at, SHANGHAI)).isEqualTo(until);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"windows\": [{\"from\": \"25:00\", \"to\": \"07:00\"}]} | mute.windows[0].from",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"7\"}]}     | mute.windows[0].to",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"23:00\"}]} | mute.windows[0].to",
        "{\"windows\": [{\"from\": \"23:00\", \"to\": \"07:00\", \"days\": [\"caturday\"]}]} | mute.windows[0].days",
        "{\"until\": \"tomorrow\"}                                  | mute.until",
        "{\"until\": \"2026-12-02T12:00:00Z\", \"zone\": \"GMT+8\"}  | mute.zone",
        "{\"until\": \"2026-12-02T12:00:00Z\", \"action\": \"hide\"} | mute.action",
        "{\"action\": \"drop\"}                                      | mute",
        "{\"snooze\": true}                                          | mute.snooze",
      })
  void aRuleThatCannotWorkIsRefusedNamingItsField(String rule, String field) {
    List<ConfigProblem> problems = new ArrayList<>();

    Mute.parse(JSON.readTree(rule), problems);

    assertThat(problems).extracting(ConfigProblem::field).contains(field);
  }
}
