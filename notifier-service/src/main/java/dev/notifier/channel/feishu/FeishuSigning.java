package dev.notifier.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bot's optional signature: HMAC-SHA256 keyed with "timestamp\nsecret" over an empty message,
 * base64-encoded, sent in the body next to the timestamp in seconds.
 */
final class FeishuSigning {

  private FeishuSigning() {}

  static String sign(String secret, long epochSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = (epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is in every JDK; reaching this is a broken runtime, not a bad input
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
