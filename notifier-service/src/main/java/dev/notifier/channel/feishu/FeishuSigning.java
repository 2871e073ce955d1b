package dev.notifier.channel.feishu;

import dev.notifier.channel.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bot's optional signature: HMAC-SHA256 keyed with "timestamp\nsecret" over an empty message,
 * base64-encoded, sent in the body next to the timestamp in seconds.
 */
final class FeishuSigning {

  private FeishuSigning() {}

  static String sign(String secret, long epochSeconds) {
    byte[] key = (epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(Hmac.sha256(key, new byte[0]));
  }
}
