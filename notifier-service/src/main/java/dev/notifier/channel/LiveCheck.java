package dev.notifier.channel;

/**
 * What the platform itself said about a target's settings when it was asked on save. Some settings
 * are known only to the platform (a DingTalk robot's keyword), so only a message it accepts or
 * refuses can check them.
 */
public sealed interface LiveCheck {

  LiveCheck NOT_NEEDED = new NotNeeded();

  /** Nothing about this target needs the platform's word. */
  record NotNeeded() implements LiveCheck {}

  /** The platform accepted the check message. */
  record Passed() implements LiveCheck {}

  /** The platform refused the check message because of this setting. */
  record Refused(ConfigProblem problem) implements LiveCheck {}

  /**
   * The platform could not be asked or did not decide (timeout, busy, rate limited): the settings
   * are neither right nor wrong yet.
   *
   * @param detail what happened, scrubbed of credentials
   */
  record Inconclusive(String detail) implements LiveCheck {}
}
