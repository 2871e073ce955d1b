package dev.notifier.binding;

import dev.notifier.secrets.SecretCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals the secrets of targets saved before encryption, once, when a database is upgraded. Without
 * a key it changes nothing; {@code notifier reseal-secrets} does the same later, once a key is set.
 * A Spring bean, so that it uses the configured key; Flyway runs it in its own transaction.
 */
@Component
public class V8__Seal_target_secrets extends BaseJavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(V8__Seal_target_secrets.class);

  private final SecretCipher cipher;
  private final JsonMapper json = JsonMapper.builder().build();

  public V8__Seal_target_secrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws Exception {
    int sealed = TargetSecrets.resealAll(context.getConnection(), cipher, json);
    LOG.info("sealed the secrets of {} existing targets", sealed);
  }
}
