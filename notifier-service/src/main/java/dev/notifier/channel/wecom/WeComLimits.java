package dev.notifier.channel.wecom;

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

  /** errcode: content over the size limit. */
  static final int TOO_LONG = 40058;

  /**
   * errcode: the webhook key is invalid (unverified in public documentation; observed in replies).
   */
  static final int INVALID_KEY = 93000;

  private WeComLimits() {}
}
