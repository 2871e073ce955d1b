package dev.notifier.channel.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;

/** Whatever a message says, WeCom's markdown holds no tag but the layout's one font colour. */
class WeComRenderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void noTagButTheLayoutsFontColour(FuzzedDataProvider data) {
    String markdown = WeComMarkdown.render(FuzzMessages.message(data));
    assertThat(markdown.chars().filter(c -> c == '<').count()).isEqualTo(2);
    assertThat(markdown).startsWith("## <font color=\"").contains("</font>\n\n");
  }
}
