package dev.notifier.channel.dingtalk;

import dev.notifier.channel.Hmac;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The robot's optional signature: HMAC-SHA256 keyed with the secret over "timestamp\nsecret", sent
 * base64- and URL-encoded in the query next to the millisecond timestamp. DingTalk refuses it after
 * an hour, so it is made fresh for every attempt.
 */
final class DingTalkSigning {

  private DingTalkSigning() {}

  /**
   * {@code url} with {@code timestamp} and {@code sign} added for a request at {@code epochMillis}.
   */
  static String signedUrl(String url, String secret, long epochMillis) {
    return url
        + (url.contains("?") ? "&" : "?")
        + "timestamp="
        + epochMillis
        + "&sign="
        + sign(secret, epochMillis);
  }

  static String sign(String secret, long epochMillis) {
    byte[] digest =
        Hmac.sha256(
            secret.getBytes(StandardCharsets.UTF_8),
            (epochMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
    return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
  }
}
