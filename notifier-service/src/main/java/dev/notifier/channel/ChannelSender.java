package dev.notifier.channel;

import dev.notifier.message.Message;
import java.util.List;

/**
 * One platform. Implementations make a single attempt and classify it; they never retry or sleep.
 */
public interface ChannelSender {

  /** The channel name stored on targets ("wecom", "log", ...). */
  String channel();

  SendOutcome send(Destination destination, Message message);

  /**
   * The platform's quota per target, so that no burst ever earns a "too many requests"; a target
   * may set its own. None by default (mail relays and custom receivers state no quota).
   */
  default List<RateLimit> rateLimits() {
    return List.of();
  }
}
