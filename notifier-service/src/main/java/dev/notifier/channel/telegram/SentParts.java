package dev.notifier.channel.telegram;

import dev.notifier.channel.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of a split message that Telegram has accepted while a later part has not, so that the
 * retry sends only what is missing instead of repeating the beginning. An entry lives from a
 * partial failure until the message is complete (or an hour, for a message never retried), in
 * memory: after a restart the retry starts from the first part again.
 */
final class SentParts {

  private static final Duration KEEP = Duration.ofHours(1);

  private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
  private final Clock clock;

  SentParts(Clock clock) {
    this.clock = clock;
  }

  /** Identifies one message to one target; the same text later is a new message once complete. */
  static String messageKey(long targetId, String wholeText) {
    byte[] digest =
        Hmac.sha256(
            "telegram-parts".getBytes(StandardCharsets.UTF_8),
            wholeText.getBytes(StandardCharsets.UTF_8));
    return targetId + ":" + HexFormat.of().formatHex(digest);
  }

  boolean wasAccepted(String messageKey, int part) {
    Long until = accepted.get(messageKey + "#" + part);
    return until != null && until > clock.millis();
  }

  void accepted(String messageKey, int part) {
    long now = clock.millis();
    if (accepted.size() > 10_000) {
      accepted.values().removeIf(until -> until <= now);
    }
    accepted.put(messageKey + "#" + part, now + KEEP.toMillis());
  }

  /** The whole message is through: a later message with the same text starts afresh. */
  void complete(String messageKey, int parts) {
    for (int i = 0; i < parts; i++) {
      accepted.remove(messageKey + "#" + i);
    }
  }
}
