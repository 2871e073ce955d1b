package dev.notifier.binding;

import dev.notifier.secrets.SecretCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which parts of a target are secrets, sealed in the database and opened when read: the URL (WeCom
 * keys, DingTalk tokens, Feishu, Slack and Discord hook tokens live in it), the secret (signing
 * secrets, bot tokens, SMTP passwords) and the values of custom headers. Everything else stays
 * readable, so the admin API and SQL can still find targets by name and channel.
 */
public final class TargetSecrets {

  static final String URL = "webhook_targets.url";
  static final String SECRET = "webhook_targets.secret";
  static final String HEADER = "webhook_targets.config.headers";

  private TargetSecrets() {}

  public static Target seal(Target t, SecretCipher cipher) {
    return map(t, cipher::seal);
  }

  public static Target open(Target t, SecretCipher cipher) {
    return map(t, cipher::open);
  }

  private interface Transform {
    String apply(String value, String context);
  }

  private static Target map(Target t, Transform f) {
    return new Target(
        t.id(),
        t.name(),
        t.channel(),
        t.url() == null ? null : f.apply(t.url(), URL),
        t.secret() == null ? null : f.apply(t.secret(), SECRET),
        headers(t.config(), v -> f.apply(v, HEADER)),
        t.enabled());
  }

  private static Map<String, Object> headers(Map<String, Object> config, UnaryOperator<String> f) {
    if (!(config.get("headers") instanceof Map<?, ?> headers)) {
      return config;
    }
    Map<String, Object> mapped = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> mapped.put(String.valueOf(k), v instanceof String s ? f.apply(s) : v));
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("headers", mapped);
    return out;
  }

  /**
   * Seals every value not yet under the current key (plain ones, and ones under an old key) and
   * returns how many rows changed. Each row is written only if it is still as it was read, so
   * instances doing this at once, or an admin saving meanwhile, lose nothing.
   */
  public static int resealAll(Connection connection, SecretCipher cipher, JsonMapper json)
      throws SQLException {
    if (!cipher.hasKey()) {
      return 0;
    }
    int changed = 0;
    for (Row row : rows(connection, json)) {
      if (row.isCurrent(cipher)) {
        continue;
      }
      Target sealed = seal(open(row.target(), cipher), cipher);
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE webhook_targets SET url = ?, secret = ?, config = CAST(? AS jsonb)"
                  + " WHERE id = ? AND url IS NOT DISTINCT FROM ? AND secret IS NOT DISTINCT FROM ?"
                  + " AND config = CAST(? AS jsonb)")) {
        update.setString(1, sealed.url());
        update.setString(2, sealed.secret());
        update.setString(3, json.writeValueAsString(sealed.config()));
        update.setLong(4, row.target().id());
        update.setString(5, row.target().url());
        update.setString(6, row.target().secret());
        update.setString(7, row.config());
        changed += update.executeUpdate();
      }
    }
    return changed;
  }

  /** How many targets hold a value not sealed under the current key. */
  public static long stale(Connection connection, SecretCipher cipher, JsonMapper json)
      throws SQLException {
    return rows(connection, json).stream().filter(r -> !r.isCurrent(cipher)).count();
  }

  /** The ids of targets holding a value that no configured key opens. */
  public static List<Long> unreadable(Connection connection, SecretCipher cipher, JsonMapper json)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (Row row : rows(connection, json)) {
      if (!row.values().stream().allMatch(cipher::canOpen)) {
        ids.add(row.target().id());
      }
    }
    return ids;
  }

  private record Row(Target target, String config) {
    List<String> values() {
      List<String> values = new ArrayList<>();
      add(values, target.url());
      add(values, target.secret());
      if (target.config().get("headers") instanceof Map<?, ?> headers) {
        headers.values().forEach(v -> add(values, v instanceof String s ? s : null));
      }
      return values;
    }

    boolean isCurrent(SecretCipher cipher) {
      return values().stream().allMatch(cipher::isCurrent);
    }

    private static void add(List<String> values, @Nullable String value) {
      if (value != null) {
        values.add(value);
      }
    }
  }

  private static List<Row> rows(Connection connection, JsonMapper json) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + TargetRow.COLUMNS + " FROM webhook_targets ORDER BY id");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(TargetRow.readSealed(rs, json), rs.getString("config")));
      }
    }
    return rows;
  }
}
