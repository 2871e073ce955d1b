package dev.notifier;

import dev.notifier.testing.PostgresForTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the service on a developer's machine with whatever infrastructure is missing: a Kafka broker
 * of its own ({@link LocalKafka}: a separate process, data kept across restarts, 9092 when free)
 * unless {@code KAFKA_BOOTSTRAP_SERVERS} is set, and a database named {@code notifier} on the local
 * PostgreSQL (or an embedded one) unless {@code NOTIFIER_JDBC_URL} is set. A {@code log} target is
 * bound to every notification type, so every alert shows up in this process's output. Without
 * {@code NOTIFIER_ADMIN_TOKEN} an admin token is made, kept in {@code target/local-admin-token} and
 * printed; without {@code NOTIFIER_SECRET_KEY} a key for the targets' secrets is made and kept in
 * {@code target/local-secret-key}. README's run command starts this.
 */
public final class LocalNotifier {

  private LocalNotifier() {}

  public static void main(String[] args) {
    List<String> arguments = new ArrayList<>(Arrays.asList(args));
    LocalKafka kafka = null;
    // 9092 and 8080 may be taken: deploy/bin/notifier reads where this run listens from here.
    StringBuilder env = new StringBuilder();
    if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null) {
      kafka = LocalKafka.startOrReuse();
      arguments.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
      env.append("KAFKA_BOOTSTRAP_SERVERS=").append(kafka.bootstrapServers()).append('\n');
    }
    if (System.getenv("NOTIFIER_JDBC_URL") == null) {
      PostgresForTests.Database db = PostgresForTests.database("notifier");
      arguments.add("--spring.datasource.url=" + db.url());
      arguments.add("--spring.datasource.username=" + (db.user() == null ? "" : db.user()));
      arguments.add("--spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }
    if (System.getenv("NOTIFIER_ADMIN_TOKEN") == null) {
      String token = kept(Path.of("target", "local-admin-token"));
      arguments.add("--notifier.admin.token=" + token);
      env.append("NOTIFIER_ADMIN_TOKEN=").append(token).append('\n');
      System.out.println(
          "Admin API token (kept in target/local-admin-token): " + token + System.lineSeparator());
    }
    if (System.getenv("NOTIFIER_SECRET_KEY") == null) {
      // kept beside the run's data: the database's sealed secrets open only with it
      arguments.add("--notifier.secrets.key=" + kept(Path.of("target", "local-secret-key")));
    }
    arguments.add("--notifier.local.seed-log-target=true");
    // Ctrl-C: the service stops in order, then the broker, and the run ends with status 0 (the
    // JVM's own 130 or 143 would read as a failed build to Maven).
    arguments.add("--spring.main.register-shutdown-hook=false");
    ConfigurableApplicationContext context =
        SpringApplication.from(NotifierApplication::main)
            .with(LocalSeed.class)
            .run(arguments.toArray(String[]::new))
            .getApplicationContext();
    env.append("NOTIFIER_API_URL=http://127.0.0.1:")
        .append(context.getEnvironment().getProperty("local.server.port"))
        .append('\n');
    write(Path.of("target", "local-run.env"), env.toString());
    LocalKafka broker = kafka;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.close();
                  if (broker != null) {
                    broker.stop();
                  }
                  Runtime.getRuntime().halt(0);
                },
                "local-run-stop"));
  }

  /** What earlier local runs kept in {@code file}, or 32 new random bytes in base64, kept there. */
  private static String kept(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        String kept = Files.readString(file).trim();
        if (!kept.isEmpty()) {
          return kept;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String value = Base64.getEncoder().encodeToString(random);
    write(file, value + "\n");
    return value;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
