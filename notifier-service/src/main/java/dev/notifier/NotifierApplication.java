package dev.notifier;

import dev.notifier.cli.NotifierCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;

/** The notifier service: Kafka events in, chat messages out. */
// Kafka's client metrics are bound by ops.KafkaClientMetricsConfiguration, on one shared thread.
@SpringBootApplication(exclude = KafkaMetricsAutoConfiguration.class)
@ConfigurationPropertiesScan
public class NotifierApplication {

  public static void main(String[] args) {
    // Operator commands run without starting the service.
    if (NotifierCli.handles(args)) {
      System.exit(
          NotifierCli.run(
              args,
              new java.io.PrintWriter(System.out, true),
              new java.io.PrintWriter(System.err, true)));
    }
    SpringApplication.run(NotifierApplication.class, args);
  }
}
