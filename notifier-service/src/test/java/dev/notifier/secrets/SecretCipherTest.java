package dev.notifier.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-GCM sealing: values name their key, are bound to their column, and keys rotate. */
class SecretCipherTest {

  private static final String A = newKey();
  private static final String B = newKey();

  @Test
  void aSealedValueOpensToWhatWasSealedAndShowsNothingOfIt() {
    SecretCipher cipher = SecretCipher.of(A);
    String sealed = cipher.seal("SECf00d-secret", "col");
    assertThat(sealed).startsWith(SecretCipher.PREFIX).doesNotContain("f00d");
    assertThat(sealed).isNotEqualTo(cipher.seal("SECf00d-secret", "col")); // fresh nonce
    assertThat(cipher.open(sealed, "col")).isEqualTo("SECf00d-secret");
  }

  @Test
  void textThatOnlyLooksSealedIsSealedLikeAnyOther() {
    SecretCipher cipher = SecretCipher.of(A);
    String lookalike = SecretCipher.PREFIX + "00000000:AAAA";
    String sealed = cipher.seal(lookalike, "col");
    assertThat(sealed).isNotEqualTo(lookalike);
    assertThat(cipher.open(sealed, "col")).isEqualTo(lookalike);
  }

  @Test
  void aValueMovedToAnotherColumnOrAlteredDoesNotOpen() {
    SecretCipher cipher = SecretCipher.of(A);
    String sealed = cipher.seal("token", "webhook_targets.secret");
    assertThatThrownBy(() -> cipher.open(sealed, "webhook_targets.url"))
        .hasMessageContaining("does not open");
    String altered = sealed.substring(0, sealed.length() - 3) + "AAA";
    assertThatThrownBy(() -> cipher.open(altered, "webhook_targets.secret"))
        .hasMessageContaining("does not open");
  }

  @Test
  void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
    String underA = SecretCipher.of(A).seal("v", "c");
    SecretCipher rotated = SecretCipher.of(B, A);
    assertThat(rotated.open(underA, "c")).isEqualTo("v");
    assertThat(rotated.isCurrent(underA)).isFalse();
    String underB = rotated.seal("v", "c");
    assertThat(rotated.isCurrent(underB)).isTrue();
    assertThat(SecretCipher.of(B).canOpen(underA)).isFalse();
    assertThatThrownBy(() -> SecretCipher.of(B).open(underA, "c"))
        .isInstanceOf(SecretCipher.UnknownKeyException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void plainTextFromBeforeEncryptionPassesThroughAndWithoutAKeyNothingIsSealed() {
    assertThat(SecretCipher.of(A).open("https://plain.example/hook", "c"))
        .isEqualTo("https://plain.example/hook");
    SecretCipher none = SecretCipher.of((String) null);
    assertThat(none.hasKey()).isFalse();
    assertThat(none.seal("v", "c")).isEqualTo("v");
  }

  @Test
  void aKeyThatIsNotBase64Of32BytesIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> SecretCipher.of("not base64!"))
        .hasMessageContaining("NOTIFIER_SECRET_KEY")
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> SecretCipher.of(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32");
    assertThatThrownBy(() -> SecretCipher.of(A, "short"))
        .hasMessageContaining("NOTIFIER_SECRET_OLD_KEYS");
  }

  static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
