package dev.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A Standard Webhooks secret is base64 of a key of at least 24 bytes, with or without whsec_. */
class StandardWebhooksSecretTest {

  @Test
  void aKeyOfTwentyFourBytesOrMoreSigns() {
    String key = Base64.getEncoder().encodeToString(new byte[24]);
    assertThat(StandardWebhooks.problem("whsec_" + key)).isNull();
    assertThat(StandardWebhooks.problem(key)).isNull();
    assertThat(
            StandardWebhooks.problem("whsec_" + Base64.getEncoder().encodeToString(new byte[64])))
        .isNull();
  }

  @Test
  void aShortKeyOrOneThatIsNotBase64IsRefused() {
    assertThat(StandardWebhooks.problem("whsec_c2hvcnQ=")).contains("at least 24 bytes");
    assertThat(StandardWebhooks.problem(Base64.getEncoder().encodeToString(new byte[23])))
        .contains("at least 24 bytes");
    assertThat(StandardWebhooks.problem("my-plain-secret!!")).contains("base64");
    assertThat(StandardWebhooks.problem("whsec_")).contains("at least 24 bytes");
  }
}
