package dev.notifier.binding;

import dev.notifier.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How a {@code webhook_targets} row is read, for every reader of the table. */
public final class TargetRow {

  /** The columns {@link #read} needs, for a SELECT list. */
  public static final String COLUMNS =
      "id, name, channel, url, secret, config::text AS config, enabled";

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private TargetRow() {}

  /** The row's target with its secrets opened. */
  public static Target read(ResultSet rs, JsonMapper json, SecretCipher cipher)
      throws SQLException {
    return TargetSecrets.open(readSealed(rs, json), cipher);
  }

  /** The row as stored, secrets sealed. */
  static Target readSealed(ResultSet rs, JsonMapper json) throws SQLException {
    return new Target(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("channel"),
        rs.getString("url"),
        rs.getString("secret"),
        json.readValue(rs.getString("config"), JSON_OBJECT),
        rs.getBoolean("enabled"));
  }
}
