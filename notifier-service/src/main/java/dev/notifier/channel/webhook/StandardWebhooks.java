package dev.notifier.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): {@code v1,} and the base64
 * HMAC-SHA256 of "id.timestamp.body", keyed with the base64 bytes after the secret's {@code whsec_}
 * prefix.
 */
final class StandardWebhooks {

  private static final String PREFIX = "whsec_";

  private StandardWebhooks() {}

  static String signature(String secret, String id, long epochSeconds, String body) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is in every JDK; reaching this is a broken runtime, not a bad input
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
