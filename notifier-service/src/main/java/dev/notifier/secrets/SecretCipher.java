package dev.notifier.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens secrets with AES-256-GCM. A sealed value reads {@code enc:v1:<key id>:<base64 of
 * nonce and ciphertext>}; the key id is the first four bytes of the key's SHA-256, so keys need no
 * names and a value says which key opens it. What the value is for (its column) is bound in as
 * associated data, so a sealed value copied into another column does not open. A value without the
 * prefix is plain text from before encryption, and is returned as it is.
 */
public final class SecretCipher {

  public static final String PREFIX = "enc:v1:";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Key(String id, SecretKeySpec spec) {}

  private final @Nullable Key current;
  private final Map<String, Key> keys;

  private SecretCipher(@Nullable Key current, Map<String, Key> keys) {
    this.current = current;
    this.keys = keys;
  }

  /** From configuration; a key that is not base64 of 32 bytes is refused, naming the setting. */
  public static SecretCipher of(SecretsProperties properties) {
    Map<String, Key> keys = new LinkedHashMap<>();
    Key current = null;
    if (properties.key() != null && !properties.key().isBlank()) {
      current = key(properties.key(), "notifier.secrets.key (NOTIFIER_SECRET_KEY)");
      keys.put(current.id(), current);
    }
    for (String old : properties.oldKeys()) {
      if (old != null && !old.isBlank()) {
        Key k = key(old, "notifier.secrets.old-keys (NOTIFIER_SECRET_OLD_KEYS)");
        keys.putIfAbsent(k.id(), k);
      }
    }
    return new SecretCipher(current, Map.copyOf(keys));
  }

  /** A cipher with {@code key} current and {@code old} still readable, for tests and tools. */
  public static SecretCipher of(@Nullable String key, String... old) {
    return of(new SecretsProperties(key, List.of(old)));
  }

  public boolean hasKey() {
    return current != null;
  }

  /**
   * {@code plain} sealed under the current key for {@code context}; as it is without a key. Always
   * sealed, even text that looks sealed: what reaches here is plain (the API refuses the prefix).
   */
  public String seal(String plain, String context) {
    if (current == null) {
      return plain;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** The plain text of {@code value} (as it is when not sealed). */
  public String open(String value, String context) {
    if (!isSealed(value)) {
      return value;
    }
    String rest = value.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? "" : rest.substring(0, colon);
    Key key = keys.get(id);
    if (key == null) {
      throw new UnknownKeyException(id);
    }
    try {
      byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a value sealed under key "
              + id
              + " does not open: altered, or moved from another column");
    }
  }

  public static boolean isSealed(@Nullable String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** Whether {@code value} is what {@link #seal} writes now: sealed under the current key. */
  public boolean isCurrent(String value) {
    return current == null ? !isSealed(value) : value.startsWith(PREFIX + current.id() + ":");
  }

  /** Whether a configured key opens {@code value} (a plain value needs none). */
  public boolean canOpen(String value) {
    if (!isSealed(value)) {
      return true;
    }
    String rest = value.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    return colon > 0 && keys.containsKey(rest.substring(0, colon));
  }

  /** The ids of the configured keys, the current one first, for messages. */
  public List<String> keyIds() {
    List<String> ids = new ArrayList<>();
    if (current != null) {
      ids.add(current.id());
    }
    keys.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);
    return ids;
  }

  private static Key key(String base64, String setting) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          setting + ": expected base64 of 32 random bytes, got " + bytes.length + " bytes");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Key(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A sealed value names a key that is not configured. */
  public static final class UnknownKeyException extends IllegalStateException {
    public UnknownKeyException(String id) {
      super(
          "a secret is sealed under key "
              + id
              + ", which is not configured (notifier.secrets.key or notifier.secrets.old-keys)");
    }
  }
}
