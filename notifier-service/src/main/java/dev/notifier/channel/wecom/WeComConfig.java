package dev.notifier.channel.wecom;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.channel.ChannelConfig;
import org.jspecify.annotations.Nullable;

/**
 * A WeCom bot's own setting: which message type to send. Unset, markdown unless the target mentions
 * people only a text message can reach (mobiles, "@all").
 */
record WeComConfig(@Nullable MsgType msgtype) implements ChannelConfig {

  enum MsgType {
    @JsonProperty("markdown")
    MARKDOWN,
    @JsonProperty("text")
    TEXT;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
