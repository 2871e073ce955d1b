package dev.notifier.cli;

import dev.notifier.base.Topics;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context a command runs in: no web server, no listeners, no schedules; only the Kafka
 * clients as {@code spring.kafka.*} configures them (TLS and SASL included) and the topic names.
 * Its own logging stays at WARN unless {@code --verbose}: an operator wants the answer, not the
 * Kafka client's start-up.
 */
final class CliContext {

  private CliContext() {}

  /**
   * Not a {@code @Configuration}: the service's component scan must not find it (it would register
   * the topic names twice).
   */
  @ImportAutoConfiguration(KafkaAutoConfiguration.class)
  @EnableConfigurationProperties(Topics.class)
  static class Beans {}

  /**
   * {@code settings}: {@code name=value} pairs that outrank every other source, as {@code
   * --name=value} does for the service ({@code spring.kafka.bootstrap-servers}, {@code
   * notifier.topics.events}).
   */
  static ConfigurableApplicationContext start(boolean verbose, Map<String, String> settings) {
    String level = verbose ? "INFO" : "WARN";
    String[] args =
        settings.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(Beans.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(
            Map.of(
                "logging.level.root", level,
                "logging.level.org.apache.kafka", level,
                "logging.level.org.springframework", level))
        .run(args);
  }
}
