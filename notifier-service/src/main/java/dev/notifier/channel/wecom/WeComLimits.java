package dev.notifier.channel.wecom;

import java.time.Duration;

/** Limits of the WeCom group bot API: https://developer.work.weixin.qq.com/document/path/91770 */
final class WeComLimits {

  /** Markdown content, in UTF-8 bytes. */
  static final int MARKDOWN_MAX_BYTES = 4096;

  /** Text content, in UTF-8 bytes. */
  static final int TEXT_MAX_BYTES = 2048;

  /** An image before base64 encoding. */
  static final int IMAGE_MAX_BYTES = 2 * 1024 * 1024;

  /** errcode: success. */
  static final int OK = 0;

  /** errcode: system busy. */
  static final int BUSY = -1;

  /** errcode: the bot sent more than 20 messages in a minute. */
  static final int RATE_LIMITED = 45009;

  /**
   * How long a 45009 keeps the bot quiet. WeCom says neither when its minute began nor which other
   * senders share the bot, so only a whole minute from the refusal is sure to find room; trying
   * sooner spends requests on a bot that refuses them, and each refusal may count as a send.
   */
  static final Duration RATE_WINDOW = Duration.ofMinutes(1);

  /** errcode: content over the size limit. */
  static final int TOO_LONG = 40058;

  /**
   * errcode: the webhook key is invalid (unverified in public documentation; observed in replies).
   */
  static final int INVALID_KEY = 93000;

  private WeComLimits() {}
}
