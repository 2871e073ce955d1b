package dev.notifier.channel.telegram;

/** The Bot API's limits this sender keeps to. */
final class TelegramLimits {

  /** https://core.telegram.org/bots/api#sendphoto: "The photo must be at most 10 MB in size." */
  static final int PHOTO_MAX_BYTES = 10 * 1024 * 1024;

  private TelegramLimits() {}
}
