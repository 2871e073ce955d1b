package dev.notifier.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whatever a message says, every part is Telegram HTML with only the layout's tags, each closed in
 * its own part, and every other {@code <} or {@code &} escaped.
 */
class TelegramRenderFuzzTest {

  private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)>");
  private static final Set<String> LAYOUT = Set.of("b", "code", "i", "blockquote");

  @FuzzTest(maxDuration = "10s")
  void onlyLayoutTagsBalancedInEachPart(FuzzedDataProvider data) {
    for (String part : TelegramHtml.parts(FuzzMessages.message(data))) {
      Deque<String> open = new ArrayDeque<>();
      Matcher m = TAG.matcher(part);
      int tagChars = 0;
      while (m.find()) {
        assertThat(LAYOUT).contains(m.group(2));
        if (m.group(1).isEmpty()) {
          open.push(m.group(2));
        } else {
          assertThat(open.pop()).isEqualTo(m.group(2));
        }
        tagChars++;
      }
      assertThat(open).isEmpty();
      assertThat(part.chars().filter(c -> c == '<').count()).isEqualTo(tagChars);
      assertThat(part.replaceAll("&(amp|lt|gt|quot);", "")).doesNotContain("&");
    }
  }
}
