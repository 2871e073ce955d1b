package dev.notifier.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.message.Message;
import dev.notifier.testing.HostileMessages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For any message (random mixtures of the characters HTML gives meaning to, emoji, CJK and
 * newlines, at random lengths, in every style), every part Telegram is sent parses as Telegram
 * parses it, holds at most 4096 visible characters, and the parts together say all of it. Seeded,
 * so a failure names the seed that reproduces it.
 */
class TelegramSplitPropertyTest {

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long s = 1; s <= 300; s++) {
      seeds.add(s);
    }
    return seeds;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyPartParsesFitsAndNothingIsLost(long seed) {
    Message message = HostileMessages.random(seed, 12_000);

    List<String> parts = TelegramHtml.parts(message);

    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      String visible = TelegramParser.visible(part);
      assertThat(visible.length()).as("seed %d", seed).isBetween(1, TelegramHtml.MAX_CHARS);
      assertThat(visible).as("seed %d: a part of nothing but white space", seed).isNotBlank();
      assertThat(Character.isHighSurrogate(visible.charAt(visible.length() - 1)))
          .as("seed %d: a part ends inside a surrogate pair", seed)
          .isFalse();
      joined.append(
          visible.endsWith(TelegramHtml.CUT_MARKER)
              ? visible.substring(0, visible.length() - TelegramHtml.CUT_MARKER.length())
              : visible);
    }
    String whole =
        TelegramParser.visible(TelegramHtml.parts(message, Integer.MAX_VALUE).getFirst());
    // (white space after the last part's text may be dropped: Telegram would refuse it alone)
    assertThat(joined.toString().stripTrailing())
        .as("seed %d", seed)
        .isEqualTo(whole.stripTrailing());
  }
}
