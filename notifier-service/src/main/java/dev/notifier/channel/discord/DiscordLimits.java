package dev.notifier.channel.discord;

/**
 * Embed limits of Discord webhooks:
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
final class DiscordLimits {

  /**
   * https://discord.com/developers/docs/reference#uploading-files: at most 10 files per message; 10
   * MiB per upload without a boosted server.
   */
  static final int MAX_FILES = 10;

  static final int FILE_MAX_BYTES = 10 * 1024 * 1024;

  static final int TITLE_MAX_CHARS = 256;
  static final int DESCRIPTION_MAX_CHARS = 4096;
  static final int MAX_FIELDS = 25;
  static final int FIELD_NAME_MAX_CHARS = 256;
  static final int FIELD_VALUE_MAX_CHARS = 1024;
  static final int FOOTER_MAX_CHARS = 2048;

  /** Title, description, field names and values and footer together. */
  static final int EMBED_TOTAL_MAX_CHARS = 6000;

  private DiscordLimits() {}
}
