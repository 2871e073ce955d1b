package dev.notifier;

import dev.notifier.testing.KafkaForTests;
import dev.notifier.testing.PostgresForTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * Runs the service on a developer's machine with whatever infrastructure is missing: a Kafka broker
 * on localhost:9092 unless {@code KAFKA_BOOTSTRAP_SERVERS} is set, and a database named {@code
 * notifier} on the local PostgreSQL (or an embedded one) unless {@code NOTIFIER_JDBC_URL} is set. A
 * {@code log} target is bound to every notification type, so every alert shows up in this process's
 * output. README's run command starts this.
 */
public final class LocalNotifier {

  private LocalNotifier() {}

  public static void main(String[] args) {
    List<String> arguments = new ArrayList<>(Arrays.asList(args));
    if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null) {
      String bootstrap = KafkaForTests.bootstrapServers();
      arguments.add("--spring.kafka.bootstrap-servers=" + bootstrap);
      // The embedded broker's port is chosen at random; deploy/bin/notifier reads it from here.
      write(Path.of("target", "local-run.env"), "KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + "\n");
    }
    if (System.getenv("NOTIFIER_JDBC_URL") == null) {
      PostgresForTests.Database db = PostgresForTests.database("notifier");
      arguments.add("--spring.datasource.url=" + db.url());
      arguments.add("--spring.datasource.username=" + (db.user() == null ? "" : db.user()));
      arguments.add("--spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }
    arguments.add("--notifier.local.seed-log-target=true");
    SpringApplication.from(NotifierApplication::main)
        .with(LocalSeed.class)
        .run(arguments.toArray(String[]::new));
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
