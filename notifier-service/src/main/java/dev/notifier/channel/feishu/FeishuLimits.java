package dev.notifier.channel.feishu;

/**
 * Limits and answers of the Feishu / Lark custom bot:
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
final class FeishuLimits {

  /** Request body, in bytes. */
  static final int BODY_MAX_BYTES = 20 * 1024;

  /** code: success. */
  static final int OK = 0;

  /** code: bad request, or too many requests. */
  static final int BAD_OR_TOO_MANY = 9499;

  /** code: the bot's frequency limit (100 / min, 5 / s). */
  static final int RATE_LIMITED = 11232;

  /** code: signature wrong or older than an hour. */
  static final int BAD_SIGNATURE = 19021;

  /** code: the caller's IP is not on the bot's allow-list. */
  static final int IP_NOT_ALLOWED = 19022;

  /** code: the message lacks the bot's keyword. */
  static final int KEYWORD_MISSING = 19024;

  private FeishuLimits() {}
}
