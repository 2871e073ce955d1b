package dev.notifier.channel.webhook;

import dev.notifier.channel.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
    byte[] digest =
        Hmac.sha256(
            Base64.getDecoder().decode(encoded),
            (id + "." + epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(digest);
  }
}
