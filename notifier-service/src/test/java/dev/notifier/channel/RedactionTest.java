package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every form of every secret of a target is scrubbed, however short: what a platform echoes back
 * (URL-decoded, URL-encoded, base64) as much as the secret as configured.
 */
class RedactionTest {

  @Test
  void aShortWeComKeyIsASecretAndIsMaskedWhereverItStandsAlone() {
    Destination wecom =
        new Destination(1, "w", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k7Q", null);
    assertThat(wecom.secrets()).contains("k7Q");
    String scrubbed =
        Redaction.scrub("errcode 93000: invalid webhook key k7Q, key=k7Q.", wecom.secrets());
    assertThat(scrubbed).doesNotContain("k7Q").contains("webhook key <secret>");
  }

  @Test
  void aKeyEchoedUrlDecodedOrEncodedOrInBase64IsMasked() {
    String key = "ab+cd/ef=gh%xy";
    String inUrl = URLEncoder.encode(key, StandardCharsets.UTF_8);
    Destination target =
        new Destination(1, "t", "https://hooks.example.com/send?key=" + inUrl, null);
    List<String> secrets = target.secrets();
    for (String echoed :
        List.of(
            key,
            inUrl,
            inUrl.toLowerCase(),
            Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)),
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.getBytes(StandardCharsets.UTF_8)))) {
      assertThat(Redaction.scrub("the platform said: bad key [" + echoed + "]", secrets))
          .as(echoed)
          .doesNotContain(echoed)
          .contains("<secret>");
    }
  }

  @Test
  void theSecretHeaderValuesAndPathTokensAreAllSecretsInEveryForm() {
    String password = "pw!";
    Destination target =
        new Destination(
            1,
            "t",
            "https://hooks.slack.com/services/T0ABC123/B0DEF456/xoxbSecretTokenValue",
            password,
            new HeaderConfig("k1"),
            MentionSet.NONE,
            TargetOptions.NONE);
    List<String> secrets = target.secrets();
    assertThat(secrets).contains("T0ABC123", "B0DEF456", "xoxbSecretTokenValue", "pw!", "k1");
    assertThat(secrets).doesNotContain("services");
    String text =
        "denied for pw! ("
            + Base64.getEncoder().encodeToString("pw!".getBytes(StandardCharsets.UTF_8))
            + ") with k1 on T0ABC123";
    assertThat(Redaction.scrub(text, secrets))
        .doesNotContain("pw!")
        .doesNotContain("cHch")
        .doesNotContain(" k1 ")
        .doesNotContain("T0ABC123");
  }

  /** Settings holding a credential of their own, as a custom receiver's headers do. */
  private record HeaderConfig(String key) implements ChannelConfig {
    @Override
    public List<String> secrets() {
      return List.of(key);
    }
  }

  @Test
  void aShortSecretInsideAWordIsLeftSoErrorsStayReadable() {
    assertThat(Redaction.scrub("key abc rejected; abcdef is fine", List.of("abc")))
        .isEqualTo("key <secret> rejected; abcdef is fine");
  }
}
