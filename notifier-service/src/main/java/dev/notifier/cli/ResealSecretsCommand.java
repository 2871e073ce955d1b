package dev.notifier.cli;

import dev.notifier.binding.TargetSecrets;
import dev.notifier.secrets.ResealCommand;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code notifier reseal-secrets}: seals every target's secrets under the current key, so an old
 * key can be withdrawn. The database and keys come from the environment the service reads.
 */
@Command(
    name = "reseal-secrets",
    mixinStandardHelpOptions = true,
    description = {
      "Seals every target secret under NOTIFIER_SECRET_KEY (plain ones and ones under"
          + " NOTIFIER_SECRET_OLD_KEYS alike).",
      "The database: NOTIFIER_JDBC_URL, NOTIFIER_JDBC_USER, NOTIFIER_JDBC_PASSWORD."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:resealed",
      "1:the database failed",
      "2:no key, or a key that cannot be read"
    })
final class ResealSecretsCommand implements Callable<Integer> {

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    return ResealCommand.run(
        System.getenv(),
        Specs.out(spec),
        (connection, cipher) ->
            TargetSecrets.resealAll(connection, cipher, JsonMapper.builder().build()));
  }
}
