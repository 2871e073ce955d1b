package dev.notifier.channel.dingtalk;

/**
 * Limits and answers of the DingTalk custom robot:
 * https://open.dingtalk.com/document/orgapp/custom-robot-access and
 * https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
 */
final class DingTalkLimits {

  /**
   * Request body, in bytes. The markdown text is cut below it to leave room for the envelope and
   * mentions.
   */
  static final int BODY_MAX_BYTES = 20_000;

  static final int TEXT_MAX_BYTES = 18_000;

  /** errcode: success. */
  static final int OK = 0;

  /** errcode: the robot sent more than 20 messages in a minute and is throttled for 10 minutes. */
  static final int THROTTLED = 130101;

  /** How long a throttled robot stays silent. */
  static final int THROTTLE_SECONDS = 600;

  /** errcode: the body is over the size limit. */
  static final int TOO_LARGE = 460101;

  /**
   * errcode: the security settings refused the message (keyword missing, bad or stale signature, IP
   * not allowed). Unverified in public documentation; observed in replies.
   */
  static final int SECURITY_REFUSED = 310000;

  /** errcode: the access token is unknown. */
  static final int INVALID_TOKEN = 300001;

  /** errcode: system busy. */
  static final int BUSY = -1;

  private DingTalkLimits() {}
}
