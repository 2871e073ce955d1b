package dev.notifier.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;
import tools.jackson.databind.json.JsonMapper;

/** Whatever a message says, the card is valid JSON and holds no mention tag or link from it. */
class TeamsRenderFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "10s")
  void validJsonWithoutTagsOrLinks(FuzzedDataProvider data) {
    String body = JSON.writeValueAsString(TeamsCard.of(FuzzMessages.message(data)));
    for (String text : FuzzMessages.texts(JSON.readTree(body))) {
      if (!text.startsWith("http://adaptivecards.io/") && !text.startsWith("application/vnd")) {
        assertThat(text).doesNotContain("<", "[", "](");
      }
    }
  }
}
