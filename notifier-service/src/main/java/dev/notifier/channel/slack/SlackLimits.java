package dev.notifier.channel.slack;

/**
 * Limits of Slack incoming webhooks and Block Kit: https://api.slack.com/messaging/webhooks and
 * https://api.slack.com/reference/block-kit/blocks
 */
final class SlackLimits {

  /** Header block text, in characters. */
  static final int HEADER_MAX_CHARS = 150;

  /** Section block text, in characters. */
  static final int SECTION_MAX_CHARS = 3000;

  /** One field of a section, in characters. */
  static final int FIELD_MAX_CHARS = 2000;

  /** Fields in one section. */
  static final int FIELDS_PER_SECTION = 10;

  /** Blocks in one message. */
  static final int MAX_BLOCKS = 50;

  /** The notification fallback text, in characters (Slack truncates beyond about 40,000). */
  static final int TEXT_MAX_CHARS = 3000;

  /** The body of a successful post. */
  static final String OK_BODY = "ok";

  private SlackLimits() {}
}
