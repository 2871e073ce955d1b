package dev.notifier.channel;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, which DingTalk, Feishu and Standard Webhooks all sign with, each its own way. */
public final class Hmac {

  private Hmac() {}

  public static byte[] sha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is in every JDK; reaching this is a broken runtime, not a bad input
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
