package dev.notifier.channel.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;

/** Whatever a message says, DingTalk's markdown holds no tag, link or image from it. */
class DingTalkRenderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void noTagLinkOrImage(FuzzedDataProvider data) {
    String markdown = DingTalkMarkdown.render(FuzzMessages.message(data));
    assertThat(markdown).doesNotContain("<", "](", "[");
  }
}
