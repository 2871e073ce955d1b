package dev.notifier.binding;

import dev.notifier.secrets.SecretCipher;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses to start when a target holds a secret that no configured key opens: every delivery to it
 * would fail, so the missing key is named now rather than at the first alert. Runs after the
 * migrations (it uses JDBC, which waits for them) and before the bindings are first read (they
 * depend on it).
 */
@Component
class SealedSecretsCheck implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(SealedSecretsCheck.class);

  private final JdbcTemplate jdbc;
  private final SecretCipher cipher;
  private final JsonMapper json = JsonMapper.builder().build();

  SealedSecretsCheck(JdbcTemplate jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @Override
  public void afterPropertiesSet() {
    try {
      jdbc.execute((ConnectionCallback<@Nullable Void>) this::check);
    } catch (DataAccessException e) {
      // The database may be starting; the service waits out outages elsewhere, so only warn.
      LOG.warn("could not check the targets' sealed secrets: {}", e.getMessage());
    }
  }

  private @Nullable Void check(Connection connection) throws SQLException {
    List<Long> unreadable = TargetSecrets.unreadable(connection, cipher, json);
    if (!unreadable.isEmpty()) {
      throw new IllegalStateException(
          "targets "
              + unreadable
              + " hold secrets sealed under a key that is not configured (configured: "
              + cipher.keyIds()
              + "); set notifier.secrets.key or add the old key to notifier.secrets.old-keys");
    }
    if (cipher.hasKey() && TargetSecrets.stale(connection, cipher, json) > 0) {
      LOG.warn(
          "some targets hold secrets in plain text or under an old key: run"
              + " 'notifier reseal-secrets' once every instance has the current key");
    }
    return null;
  }
}
