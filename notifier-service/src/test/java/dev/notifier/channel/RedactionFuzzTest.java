package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Any text holding any secrets, as they are or URL-encoded or in base64: what comes out holds none
 * of them (of four characters or more; shorter ones only where they stand alone).
 */
class RedactionFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void noSecretSurvivesInAnyForm(FuzzedDataProvider data) {
    List<String> secrets = new ArrayList<>();
    int n = data.consumeInt(1, 3);
    for (int i = 0; i < n; i++) {
      secrets.add(data.consumeString(40));
    }
    StringBuilder text = new StringBuilder();
    int pieces = data.consumeInt(0, 8);
    for (int i = 0; i < pieces; i++) {
      String secret = data.pickValue(secrets);
      text.append(data.consumeString(30));
      text.append(
          switch (data.consumeInt(0, 2)) {
            case 0 -> secret;
            case 1 -> URLEncoder.encode(secret, StandardCharsets.UTF_8);
            default -> Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
          });
    }
    // Masks stand as NUL (scrubbed text has none of its own), so masks side by side cannot
    // spell a secret such as "t><s".
    String scrubbed = Redaction.scrub(text.toString(), secrets).replace(Redaction.MASK, "\0");
    for (String secret : secrets) {
      if (secret.length() >= 4 && secret.indexOf('\0') < 0) {
        assertThat(scrubbed)
            .as(
                "secrets %s, text %s",
                secrets.stream().map(RedactionFuzzTest::codes).toList(), codes(text.toString()))
            .doesNotContain(secret);
      }
    }
  }

  private static String codes(String s) {
    return s.codePoints()
        .mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
        .collect(java.util.stream.Collectors.joining());
  }
}
