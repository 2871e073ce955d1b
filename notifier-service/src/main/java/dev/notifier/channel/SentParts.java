package dev.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The parts of a message sent as several (a long text split, a text and its charts) that the
 * platform has accepted while a later part has not, so that the retry sends only what is missing
 * instead of repeating the beginning. An entry lives from a partial failure until the message is
 * complete (or an hour, for a message never retried), in memory: after a restart the retry starts
 * from the first part again.
 */
public final class SentParts {

  private static final Duration KEEP = Duration.ofHours(1);

  private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
  private final Clock clock;

  public SentParts(Clock clock) {
    this.clock = clock;
  }

  /** Identifies one message to one target; the same text later is a new message once complete. */
  public static String messageKey(long targetId, String wholeText) {
    byte[] digest =
        Hmac.sha256(
            "message-parts".getBytes(StandardCharsets.UTF_8),
            wholeText.getBytes(StandardCharsets.UTF_8));
    return targetId + ":" + HexFormat.of().formatHex(digest);
  }

  public boolean wasAccepted(String messageKey, int part) {
    Long until = accepted.get(messageKey + "#" + part);
    return until != null && until > clock.millis();
  }

  public void accepted(String messageKey, int part) {
    long now = clock.millis();
    if (accepted.size() > 10_000) {
      accepted.values().removeIf(until -> until <= now);
    }
    accepted.put(messageKey + "#" + part, now + KEEP.toMillis());
  }

  /**
   * Sends {@code parts} in order, skipping those an earlier attempt got accepted; stops at the
   * first that is not delivered and returns its outcome.
   */
  public SendOutcome sendAll(String messageKey, List<Supplier<SendOutcome>> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (parts.size() > 1 && wasAccepted(messageKey, i)) {
        continue; // accepted in an earlier attempt that failed on a later part
      }
      SendOutcome outcome = parts.get(i).get();
      if (!(outcome instanceof SendOutcome.Delivered)) {
        return outcome;
      }
      if (parts.size() > 1) {
        accepted(messageKey, i);
      }
    }
    complete(messageKey, parts.size());
    return SendOutcome.delivered();
  }

  /** The whole message is through: a later message with the same text starts afresh. */
  public void complete(String messageKey, int parts) {
    for (int i = 0; i < parts; i++) {
      accepted.remove(messageKey + "#" + i);
    }
  }
}
