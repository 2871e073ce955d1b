package dev.notifier.channel;

import java.util.Collection;
import java.util.regex.Pattern;

/** Scrubs credentials out of text that is about to be logged, counted or stored. */
public final class Redaction {

  public static final String MASK = "<secret>";

  // URLs often appear in transport errors with their query (WeCom/DingTalk keys live there) or last
  // path segments (Feishu/Slack/Discord tokens); only scheme and host are kept.
  private static final Pattern URL_TAIL = Pattern.compile("(https?://[^/\\s?#]+)[^\\s\"']*");

  private Redaction() {}

  public static String scrub(String text, Collection<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        out = out.replace(secret, MASK);
      }
    }
    // A NUL is no use to a reader and PostgreSQL refuses it in text; an error page may hold one.
    return URL_TAIL.matcher(out.replace("\0", "")).replaceAll("$1/" + MASK);
  }
}
