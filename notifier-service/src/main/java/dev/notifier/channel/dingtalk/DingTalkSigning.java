package dev.notifier.channel.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((epochMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is in every JDK; reaching this is a broken runtime, not a bad input
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
