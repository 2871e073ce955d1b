package dev.notifier;

import dev.notifier.binding.TargetSecrets;
import dev.notifier.cli.NotifierCli;
import dev.notifier.ingest.SamplePublisher;
import dev.notifier.secrets.ResealCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import tools.jackson.databind.json.JsonMapper;

/** The notifier service: Kafka events in, chat messages out. */
@SpringBootApplication
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
    if (args.length > 0 && args[0].equals("publish-samples")) {
      System.exit(SamplePublisher.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    if (args.length > 0 && args[0].equals("reseal-secrets")) {
      System.exit(
          ResealCommand.run(
              System.getenv(),
              System.out,
              (connection, cipher) ->
                  TargetSecrets.resealAll(connection, cipher, JsonMapper.builder().build())));
    }
    SpringApplication.run(NotifierApplication.class, args);
  }
}
