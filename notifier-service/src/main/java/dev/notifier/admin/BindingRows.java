package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code notification_bindings} for the admin API. The columns a client sets are
 * named once, in {@link #SET}: the reads, the insert and the update are made from that list.
 */
@Repository
class BindingRows {

  /** A column a client sets, and the parameter (with its cast) that writes it. */
  private record Column(String name, String value) {}

  private static final List<Column> SET =
      List.of(
          new Column("enabled", ":enabled"),
          new Column("schedule_cron", ":cron"),
          new Column("schedule_timezone", ":zone"),
          new Column("filters", "CAST(:filters AS jsonb)"),
          new Column("mute", "CAST(:mute AS jsonb)"),
          new Column("mentions", "CAST(:mentions AS jsonb)"),
          new Column("backup_target_id", ":backup"),
          new Column("template_override", "CAST(:template AS jsonb)"),
          new Column("locale", ":locale"));

  private static final String SELECT =
      "SELECT b.id, b.notification_type, b.target_id, t.name AS target_name, b.created_at, "
          + SET.stream().map(c -> "b." + c.name()).collect(Collectors.joining(", "))
          + " FROM notification_bindings b JOIN webhook_targets t ON t.id = b.target_id";

  private static final String INSERT =
      "INSERT INTO notification_bindings (notification_type, target_id, created_at, "
          + SET.stream().map(Column::name).collect(Collectors.joining(", "))
          + ") VALUES (:type, :target, :now, "
          + SET.stream().map(Column::value).collect(Collectors.joining(", "))
          + ") RETURNING id";

  private static final String UPDATE =
      "UPDATE notification_bindings SET "
          + SET.stream().map(c -> c.name() + " = " + c.value()).collect(Collectors.joining(", "))
          + " WHERE id = :id";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  BindingRows(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  List<BindingView> list(@Nullable String type, @Nullable Long targetId) {
    return jdbc.sql(
            SELECT
                + " WHERE (CAST(:type AS text) IS NULL OR b.notification_type = :type)"
                + " AND (CAST(:target AS bigint) IS NULL OR b.target_id = :target) ORDER BY b.id")
        .param("type", type)
        .param("target", targetId)
        .query((rs, n) -> read(rs))
        .list();
  }

  Optional<BindingView> find(long id) {
    return jdbc.sql(SELECT + " WHERE b.id = :id")
        .param("id", id)
        .query((rs, n) -> read(rs))
        .optional();
  }

  /**
   * Inserts a new binding and returns its id; a taken (type, target) throws DuplicateKeyException.
   */
  long insert(BindingValues b) {
    return withValues(jdbc.sql(INSERT), b)
        .param("type", Objects.requireNonNull(b.type()).wireName())
        .param("target", Objects.requireNonNull(b.targetId()))
        .param("now", SqlTime.now(clock))
        .query(Long.class)
        .single();
  }

  void update(long id, BindingValues b) {
    withValues(jdbc.sql(UPDATE), b).param("id", id).update();
  }

  /** False when there was no such binding. */
  boolean delete(long id) {
    return jdbc.sql("DELETE FROM notification_bindings WHERE id = :id").param("id", id).update()
        > 0;
  }

  Optional<String> targetName(long targetId) {
    return jdbc.sql("SELECT name FROM webhook_targets WHERE id = :id")
        .param("id", targetId)
        .query(String.class)
        .optional();
  }

  private JdbcClient.StatementSpec withValues(JdbcClient.StatementSpec spec, BindingValues b) {
    return spec.param("enabled", b.enabled())
        .param("cron", b.cron())
        .param("zone", b.zone())
        .param("filters", text(b.filters()))
        .param("mute", text(b.mute()))
        .param("mentions", text(b.mentions()))
        .param("backup", b.backupTargetId())
        .param("template", text(b.template()))
        .param("locale", b.locale());
  }

  private BindingView read(ResultSet rs) throws SQLException {
    return new BindingView(
        rs.getLong("id"),
        rs.getString("notification_type"),
        rs.getLong("target_id"),
        rs.getString("target_name"),
        rs.getBoolean("enabled"),
        rs.getString("schedule_cron"),
        rs.getString("schedule_timezone"),
        tree(rs.getString("filters")),
        tree(rs.getString("mute")),
        tree(rs.getString("mentions")),
        rs.getObject("backup_target_id", Long.class),
        tree(rs.getString("template_override")),
        rs.getString("locale"),
        rs.getTimestamp("created_at").toInstant().toString());
  }

  private @Nullable String text(@Nullable JsonNode node) {
    return node == null ? null : json.writeValueAsString(node);
  }

  private @Nullable JsonNode tree(@Nullable String text) {
    return text == null ? null : json.readTree(text);
  }
}
