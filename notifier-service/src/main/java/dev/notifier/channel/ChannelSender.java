package dev.notifier.channel;

import dev.notifier.message.Message;

/**
 * One platform. Implementations make a single attempt and classify it; they never retry or sleep.
 */
public interface ChannelSender {

  /** The channel name stored on targets ("wecom", "log", ...). */
  String channel();

  SendOutcome send(Destination destination, Message message);
}
