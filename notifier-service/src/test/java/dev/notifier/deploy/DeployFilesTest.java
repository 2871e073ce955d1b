package dev.notifier.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment files are valid, checked offline by the same tools ops use. CI installs both tools
 * (.ci/run); a developer machine without them skips those two checks.
 */
class DeployFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void composeFileIsValid() throws Exception {
    requireTool("docker-compose");
    Result result = run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"));
    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void prometheusConfigAndAlertRulesAreValid() throws Exception {
    requireTool("promtool");
    Result config = run(List.of("promtool", "check", "config", "deploy/prometheus/prometheus.yml"));
    assertThat(config.exit()).as(config.output()).isZero();
    Result rules =
        run(List.of("promtool", "check", "rules", "deploy/prometheus/notifier-alerts.yml"));
    assertThat(rules.exit()).as(rules.output()).isZero();
  }

  /** Every alert rule fires when it should and stays quiet when it should not. */
  @Test
  void alertRulesPassTheirUnitTests() throws Exception {
    requireTool("promtool");
    Result tests =
        run(List.of("promtool", "test", "rules", "deploy/prometheus/notifier-alerts.test.yml"));
    assertThat(tests.exit()).as(tests.output()).isZero();
    for (String alert :
        List.of(
            "NotifierPartitionStuck",
            "NotifierDeadLetters",
            "NotifierDeliveriesFailing",
            "NotifierAttemptsFailing",
            "NotifierDeliveriesHeld")) {
      assertThat(Files.readString(ROOT.resolve("deploy/prometheus/notifier-alerts.test.yml")))
          .as("a unit test for " + alert)
          .contains("alertname: " + alert);
    }
  }

  /** CI installs the validators (.ci/run), so there a missing one is a failure, not a skip. */
  static void requireTool(String tool) {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(onPath(tool)).as(tool + " on the PATH").isTrue();
    }
    assumeTrue(onPath(tool), tool + " is not installed");
  }

  @Test
  void imageRunsAsNonRootOnAJre21OrNewer() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
    assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:(2[1-9]|[3-9][0-9])-jre");
    assertThat(dockerfile).containsPattern("(?m)^USER 10001");
    assertThat(Files.readString(ROOT.resolve("docker-compose.yml")))
        .contains("dockerfile: deploy/Dockerfile")
        .doesNotContainPattern("(?m)^name:");
  }

  @Test
  void theScriptTheImageAndTheBenchmarkRunTheJarWithTheSameOptions() throws IOException {
    String options = dev.notifier.testing.ServiceProcess.DEPLOYED_JVM_OPTIONS;
    assertThat(Files.readString(ROOT.resolve("deploy/Dockerfile")))
        .contains("ENV JDK_JAVA_OPTIONS=\"" + options + "\"");
    assertThat(Files.readString(ROOT.resolve("deploy/bin/notifier")))
        .contains("default_opts=\"" + options + "\"");
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    boolean done = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(done ? process.exitValue() : -1, output);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
