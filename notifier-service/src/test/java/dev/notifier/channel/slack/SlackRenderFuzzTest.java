package dev.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Whatever a message says, the blocks are valid JSON within Slack's limits, without a tag. */
class SlackRenderFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "10s")
  void validJsonWithinLimitsWithoutTags(FuzzedDataProvider data) {
    JsonNode body =
        JSON.readTree(JSON.writeValueAsString(SlackBlocks.of(FuzzMessages.message(data))));
    assertThat(body.get("blocks").size()).isLessThanOrEqualTo(SlackLimits.MAX_BLOCKS);
    assertThat(body.get("text").asString().length())
        .isLessThanOrEqualTo(SlackLimits.TEXT_MAX_CHARS);
    for (String text : FuzzMessages.texts(body)) {
      assertThat(text).doesNotContain("<");
    }
  }
}
