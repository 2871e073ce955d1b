package dev.notifier.channel;

import java.util.Collection;

/** Scrubs credentials out of text that is about to be logged, counted or stored. */
public final class Redaction {

  public static final String MASK = "<secret>";

  private Redaction() {}

  public static String scrub(String text, Collection<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        out = out.replace(secret, MASK);
      }
    }
    // URLs often appear in transport errors with their query (WeCom/DingTalk keys live there) or
    // last path
    // segments (Feishu/Slack/Discord tokens); keep scheme and host only.
    return out.replaceAll("(https?://[^/\\s?#]+)[^\\s\"']*", "$1/" + MASK);
  }
}
