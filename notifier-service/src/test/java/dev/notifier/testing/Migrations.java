package dev.notifier.testing;

import dev.notifier.binding.V8__Seal_target_secrets;
import dev.notifier.secrets.SecretCipher;
import org.flywaydb.core.Flyway;

/**
 * Migrates a test database up front, as the service would: the SQL migrations and the Java ones
 * (which seal secrets under the tests' key), so a service started on it later finds none missing.
 */
public final class Migrations {

  private Migrations() {}

  public static void migrate(PostgresForTests.Database database) {
    migrate(database, "latest");
  }

  /** Up to {@code version} only: a database as an older release left it, for upgrade tests. */
  public static void migrate(PostgresForTests.Database database, String version) {
    Flyway.configure()
        .dataSource(database.url(), database.user(), database.password())
        .locations("classpath:db/migration")
        .javaMigrations(new V8__Seal_target_secrets(SecretCipher.of(TestWorld.SECRET_KEY)))
        .target(version)
        .load()
        .migrate();
  }
}
