package dev.notifier.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

/**
 * What a command that talks to the broker takes: settings as the service takes them, and whether to
 * show the Kafka client's own logging.
 */
final class KafkaOptions {

  @Option(names = "--verbose", description = "show the Kafka client's own logging")
  boolean verbose;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "NAME=VALUE",
      description =
          "a setting, as the service takes it (spring.kafka.*, notifier.topics.*); the"
              + " environment and application.yml apply too")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The CLI's Spring context with these settings and {@code more} on top. */
  ConfigurableApplicationContext start(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(more);
    return CliContext.start(verbose, all);
  }
}
