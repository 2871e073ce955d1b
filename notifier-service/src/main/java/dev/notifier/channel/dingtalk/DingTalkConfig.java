package dev.notifier.channel.dingtalk;

import dev.notifier.channel.ChannelConfig;
import org.jspecify.annotations.Nullable;

/**
 * A DingTalk robot's own setting: its "custom keyword", when its security setting has one. Every
 * message must contain it, so the sender adds it to a text that lacks it.
 */
record DingTalkConfig(@Nullable String keyword) implements ChannelConfig {

  /** The keyword, when one is named (a blank one is refused on save). */
  @Nullable String named() {
    return keyword == null || keyword.isBlank() ? null : keyword;
  }
}
