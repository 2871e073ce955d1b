package dev.notifier.admin;

import dev.notifier.base.SqlTime;
import dev.notifier.binding.Target;
import dev.notifier.binding.TargetRow;
import dev.notifier.binding.TargetSecrets;
import dev.notifier.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code webhook_targets} for the admin API. */
@Repository
class TargetRows {

  private static final String COLUMNS =
      TargetRow.COLUMNS
          + ", last_test_at, last_test_ok, last_test_ms, last_test_reason, last_test_detail";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SecretCipher cipher;
  private final Clock clock;

  TargetRows(JdbcClient jdbc, JsonMapper json, SecretCipher cipher, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.json = json;
    this.cipher = cipher;
  }

  List<StoredTarget> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_targets ORDER BY id")
        .query((rs, n) -> read(rs))
        .list();
  }

  Optional<StoredTarget> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_targets WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> read(rs))
        .optional();
  }

  /** Inserts a new target and returns its id; a taken name throws DuplicateKeyException. */
  long insert(Target t) {
    return withValues(
            jdbc.sql(
                """
                INSERT INTO webhook_targets
                    (name, channel, url, secret, config, enabled, created_at, updated_at)
                VALUES (:name, :channel, :url, :secret, CAST(:config AS jsonb), :enabled, :now, :now)
                RETURNING id"""),
            t)
        .param("now", SqlTime.now(clock))
        .query(Long.class)
        .single();
  }

  void update(Target t) {
    withValues(
            jdbc.sql(
                """
                UPDATE webhook_targets
                SET name = :name, channel = :channel, url = :url, secret = :secret,
                    config = CAST(:config AS jsonb), enabled = :enabled, updated_at = :now
                WHERE id = :id"""),
            t)
        .param("now", SqlTime.now(clock))
        .param("id", t.id())
        .update();
  }

  /** The target's values, its secrets sealed. */
  private JdbcClient.StatementSpec withValues(JdbcClient.StatementSpec statement, Target target) {
    Target t = TargetSecrets.seal(target, cipher);
    return statement
        .param("name", t.name())
        .param("channel", t.channel())
        .param("url", t.url())
        .param("secret", t.secret())
        .param("config", json.writeValueAsString(t.config()))
        .param("enabled", t.enabled());
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM webhook_targets WHERE id = :id").param("id", id).update() > 0;
  }

  void recordTest(long id, StoredTarget.LastTest test) {
    jdbc.sql(
            """
            UPDATE webhook_targets SET last_test_at = :at, last_test_ok = :ok, last_test_ms = :ms,
                   last_test_reason = :reason, last_test_detail = :detail
            WHERE id = :id""")
        .param("id", id)
        .param("at", Timestamp.from(test.at()))
        .param("ok", test.ok())
        .param("ms", test.millis())
        .param("reason", test.reason())
        .param("detail", test.detail())
        .update();
  }

  private StoredTarget read(ResultSet rs) throws SQLException {
    Target target = TargetRow.read(rs, json, cipher);
    Timestamp at = rs.getTimestamp("last_test_at");
    StoredTarget.LastTest last =
        at == null
            ? null
            : new StoredTarget.LastTest(
                at.toInstant(),
                rs.getBoolean("last_test_ok"),
                rs.getInt("last_test_ms"),
                rs.getString("last_test_reason"),
                rs.getString("last_test_detail"));
    return new StoredTarget(target, last);
  }
}
