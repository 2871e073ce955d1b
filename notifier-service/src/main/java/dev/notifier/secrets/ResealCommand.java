package dev.notifier.secrets;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code notifier reseal-secrets}: seals every target secret under the current key, plain ones and
 * ones under an old key alike, so an old key can then be withdrawn. The database and keys come from
 * the same environment as the service's ({@code NOTIFIER_JDBC_URL}, {@code NOTIFIER_JDBC_USER},
 * {@code NOTIFIER_JDBC_PASSWORD}, {@code NOTIFIER_SECRET_KEY}, {@code NOTIFIER_SECRET_OLD_KEYS}).
 * Exit codes: 0 done, 2 bad usage or configuration, 1 the database failed.
 */
public final class ResealCommand {

  /** Does the work on a connection; the binding package knows which values are secrets. */
  public interface Resealer {
    int resealAll(Connection connection, SecretCipher cipher) throws SQLException;
  }

  private ResealCommand() {}

  public static int run(Map<String, String> env, PrintWriter out, Resealer resealer) {
    SecretCipher cipher;
    try {
      String old = env.getOrDefault("NOTIFIER_SECRET_OLD_KEYS", "");
      cipher =
          SecretCipher.of(
              new SecretsProperties(
                  env.get("NOTIFIER_SECRET_KEY"),
                  Arrays.stream(old.split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList()));
    } catch (IllegalArgumentException e) {
      out.println("reseal-secrets: " + e.getMessage());
      return 2;
    }
    if (!cipher.hasKey()) {
      out.println("reseal-secrets: set NOTIFIER_SECRET_KEY to the key to seal under");
      return 2;
    }
    String url = env.getOrDefault("NOTIFIER_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/notifier");
    try (Connection connection =
        DriverManager.getConnection(
            url,
            env.getOrDefault("NOTIFIER_JDBC_USER", "postgres"),
            env.getOrDefault("NOTIFIER_JDBC_PASSWORD", ""))) {
      connection.setAutoCommit(false);
      int changed = resealer.resealAll(connection, cipher);
      connection.commit();
      out.println(
          "reseal-secrets: "
              + changed
              + " targets resealed under key "
              + List.copyOf(cipher.keyIds()).getFirst());
      return 0;
    } catch (SQLException | IllegalStateException e) {
      out.println("reseal-secrets: failed: " + e.getMessage());
      return 1;
    }
  }
}
