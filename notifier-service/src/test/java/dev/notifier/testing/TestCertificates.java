package dev.notifier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per test run with the JDK's own
 * keytool, so test servers speak real TLS and clients verify it for real.
 */
public final class TestCertificates {

  /** The key store's password, for servers that load it themselves. */
  public static final String PASSWORD_TEXT = "changeit";

  private static final char[] PASSWORD = PASSWORD_TEXT.toCharArray();
  private static volatile KeyStore keyStore;

  private TestCertificates() {}

  /** For a test server: presents the certificate. */
  public static SSLContext server() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For a client: trusts this certificate and nothing else. */
  public static SSLContext client() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keyStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate and its key, for servers that take a key store. */
  public static synchronized KeyStore keyStore() {
    if (keyStore == null) {
      keyStore = generate();
    }
    return keyStore;
  }

  private static KeyStore generate() {
    try {
      Path dir = Files.createTempDirectory("notifier-tls");
      Path file = dir.resolve("test.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process =
          new ProcessBuilder(
                  List.of(
                      keytool,
                      "-genkeypair",
                      "-alias",
                      "test",
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=localhost",
                      "-ext",
                      "SAN=dns:localhost,ip:127.0.0.1",
                      "-validity",
                      "2",
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      file.toString(),
                      "-storepass",
                      new String(PASSWORD),
                      "-keypass",
                      new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, PASSWORD);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
