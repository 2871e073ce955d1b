package dev.notifier.channel.telegram;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.channel.ChannelConfig;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Telegram target's own settings: the chat ({@code chat_id}, required) and, in a forum, the topic
 * ({@code message_thread_id}).
 */
record TelegramConfig(
    @JsonProperty("chat_id") @Nullable Chat chatId,
    @JsonProperty("message_thread_id") @Nullable Long threadId)
    implements ChannelConfig {

  /**
   * A chat as the Bot API takes it: a number (a group's is negative) or {@code @channelusername}.
   * Kept as given, so that a number goes to the API as a number.
   */
  record Chat(Object value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Chat of(Object value) {
      if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
        return new Chat(((Number) value).longValue());
      }
      if (value instanceof String s && !s.isBlank()) {
        return new Chat(s);
      }
      throw new IllegalArgumentException("expected a chat id (number) or @channelusername");
    }

    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }
}
