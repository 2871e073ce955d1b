package dev.notifier.binding;

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

  public static Target read(ResultSet rs, JsonMapper json) throws SQLException {
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
