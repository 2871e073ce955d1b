package dev.notifier.channel.webhook;

import dev.notifier.channel.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): {@code v1,} and the base64
 * HMAC-SHA256 of "id.timestamp.body", keyed with the base64 bytes after the secret's {@code whsec_}
 * prefix.
 */
final class StandardWebhooks {

  private static final String PREFIX = "whsec_";

  /** The spec's lower bound on the key: shorter keys are guessable. */
  static final int MIN_KEY_BYTES = 24;

  private StandardWebhooks() {}

  /** Why {@code secret} cannot sign, or null when it can. */
  static @Nullable String problem(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return "expected whsec_ followed by base64";
    }
    return key.length < MIN_KEY_BYTES
        ? "the key after whsec_ must be at least " + MIN_KEY_BYTES + " bytes (base64-encoded)"
        : null;
  }

  static String signature(String secret, String id, long epochSeconds, String body) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] digest =
        Hmac.sha256(
            Base64.getDecoder().decode(encoded),
            (id + "." + epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(digest);
  }
}
