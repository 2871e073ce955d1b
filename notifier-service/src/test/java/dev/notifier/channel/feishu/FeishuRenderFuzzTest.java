package dev.notifier.channel.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;
import tools.jackson.databind.json.JsonMapper;

/** Whatever a message says, the card is valid JSON and its markdown holds no tag or link. */
class FeishuRenderFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "10s")
  void validJsonWithoutTagsOrLinks(FuzzedDataProvider data) {
    String body = JSON.writeValueAsString(FeishuCard.of(FuzzMessages.message(data)));
    for (String text : FuzzMessages.texts(JSON.readTree(body))) {
      assertThat(text).doesNotContain("<", "[", "](");
    }
  }
}
