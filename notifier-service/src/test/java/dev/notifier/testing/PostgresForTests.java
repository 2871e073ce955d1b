package dev.notifier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server per JVM, and a fresh database in it per caller. The server is {@code
 * NOTIFIER_TEST_JDBC_URL} (an admin URL to a server; user/password in the URL) when set, else a
 * Testcontainers server when Docker is there, else the local server on 127.0.0.1:5432 when it
 * answers, else an embedded one.
 */
public final class PostgresForTests {

  /** How to reach one database. */
  public record Database(String url, @Nullable String user, @Nullable String password) {

    public Connection connect() throws SQLException {
      return user == null
          ? DriverManager.getConnection(url)
          : DriverManager.getConnection(url, user, password);
    }

    /** The database's name, from its URL. */
    public String name() {
      int slash = url.lastIndexOf('/');
      int query = url.indexOf('?', slash);
      return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
    }

    /** An outage as the notifier sees it: no new connections, and the open ones cut. */
    public void refuseConnections() {
      admin(
          "ALTER DATABASE " + name() + " ALLOW_CONNECTIONS false",
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + name()
              + "'");
    }

    public void allowConnections() {
      admin("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS true");
    }

    /** Drops the database, cutting whatever is still connected to it. */
    public void drop() {
      admin(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name() + "'",
          "DROP DATABASE IF EXISTS " + name());
    }

    private static void admin(String... statements) {
      try (Connection c = server().connect();
          Statement s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not run " + String.join("; ", statements), e);
      }
    }
  }

  private static Database admin;

  private PostgresForTests() {}

  public static Database newDatabase() {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return database("notifier_" + id.toLowerCase(Locale.ROOT));
  }

  /** The database of this name on the server, created when missing. */
  public static Database database(String name) {
    Database server = server();
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    int slash = server.url().lastIndexOf('/');
    int query = server.url().indexOf('?', slash);
    String url =
        server.url().substring(0, slash + 1)
            + name
            + (query < 0 ? "" : server.url().substring(query));
    return new Database(url, server.user(), server.password());
  }

  private static synchronized Database server() {
    if (admin == null) {
      admin = start();
    }
    return admin;
  }

  private static Database start() {
    String configured = System.getenv("NOTIFIER_TEST_JDBC_URL");
    if (configured != null && !configured.isBlank()) {
      return new Database(configured, null, null);
    }
    if (Infrastructure.dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    Database local =
        new Database("jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=2", "postgres", "");
    try (Connection ignored = local.connect()) {
      return local;
    } catch (SQLException notThere) {
      return embedded();
    }
  }

  private static Database embedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is going away; the temporary data directory goes with it
                    }
                  }));
      return new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
    }
  }
}
