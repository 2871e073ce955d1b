package dev.notifier.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code notifier <command>}: the commands an operator runs beside the service. Each starts only
 * what it needs; {@code --help} on any of them says what it takes and its exit codes.
 */
@Command(
    name = "notifier",
    mixinStandardHelpOptions = true,
    description = "The notifier's operator commands. Without a command, the service runs.",
    subcommands = {
      PublishCommand.class,
      ReplayCommand.class,
      TestTargetCommand.class,
      CheckConfigCommand.class,
      PublishSamplesCommand.class,
      ResealSecretsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class NotifierCli {

  /** The commands; anything else starts the service. */
  private static final Set<String> COMMANDS =
      Set.of(
          "publish",
          "replay",
          "test-target",
          "check-config",
          "publish-samples",
          "reseal-secrets",
          "help",
          "--help",
          "-h");

  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return new CommandLine(new NotifierCli()).setOut(out).setErr(err).execute(args);
  }
}
