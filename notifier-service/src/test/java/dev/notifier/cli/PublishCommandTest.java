package dev.notifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.TestWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code notifier publish} against a real broker: an event built from flags or read from a file
 * arrives on the configured topic, keyed by its subject; an invalid one is refused before anything
 * is sent; wrong arguments say so; the answer is not buried in the Kafka client's logging.
 */
class PublishCommandTest {

  private final TestWorld world = new TestWorld();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void anEventBuiltFromFlagsArrivesKeyedByItsSubject() {
    int code =
        run(
            "publish",
            "--type",
            "breaker-opened",
            "--provider",
            "7",
            "--provider-name",
            "Claude 代理",
            "--failures",
            "12");

    assertThat(code).as(err.toString()).isZero();
    List<ConsumerRecord<String, byte[]>> arrived = world.readAll(world.eventsTopic());
    assertThat(arrived).hasSize(1);
    assertThat(arrived.getFirst().key()).isEqualTo("provider:7");
    JsonNode event =
        JsonMapper.builder()
            .build()
            .readTree(new String(arrived.getFirst().value(), StandardCharsets.UTF_8));
    assertThat(event.at("/data/providerName").asString()).isEqualTo("Claude 代理");
    assertThat(event.at("/data/failureCount").asInt()).isEqualTo(12);
    assertThat(out.toString())
        .contains("published llmproxy.circuit_breaker.opened.v1", world.eventsTopic());
    // quiet by default: one line of answer, no client start-up chatter
    assertThat(out.toString().lines().count()).isEqualTo(1);
  }

  @Test
  void anEventFromAFileIsPublishedAsItIs(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cost.json");
    Files.writeString(
        file,
        new String(
            getClass()
                .getClassLoader()
                .getResourceAsStream("examples/v1/cost-snapshot.json")
                .readAllBytes(),
            StandardCharsets.UTF_8));

    assertThat(run("publish", "--file", file.toString())).as(err.toString()).isZero();
    assertThat(world.readAll(world.eventsTopic())).hasSize(1);
    assertThat(world.readAll(world.eventsTopic()).getFirst().key()).isEqualTo("user:1");
  }

  @Test
  void anInvalidEventIsRefusedAndNothingIsSent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/p\",\"type\":\"llmproxy.cost.snapshot.v1\","
            + "\"time\":\"2026-12-06T10:00:00Z\",\"subject\":\"user:1\",\"data\":{\"targetType\":\"user\"}}");

    assertThat(run("publish", "--file", file.toString())).isEqualTo(PublishCommand.INVALID);
    assertThat(err.toString()).contains("invalid event, nothing sent", "$.data");
    assertThat(world.readAll(world.eventsTopic())).isEmpty();
  }

  @Test
  void wrongArgumentsAreUsageErrors() {
    assertThat(run("publish")).isEqualTo(2);
    assertThat(err.toString()).contains("--file or --type");
    assertThat(run("publish", "--type", "weekly")).isEqualTo(2);
    assertThat(err.toString()).contains("--type must be one of");
    assertThat(run("publish", "--provider", "x", "--type", "breaker-opened")).isEqualTo(2);
    assertThat(run("publish", "--no-such-option")).isEqualTo(2);
    assertThat(world.readAll(world.eventsTopic())).isEmpty();
  }

  @Test
  void helpSaysWhatItTakesAndItsExitCodes() {
    assertThat(NotifierCli.handles(new String[] {"publish", "--help"})).isTrue();
    assertThat(run("publish", "--help")).isZero();
    assertThat(out.toString()).contains("--type", "--file", "Exit codes:", "3", "broker");
    StringWriter top = new StringWriter();
    assertThat(
            NotifierCli.run(
                new String[] {"--help"}, new PrintWriter(top, true), new PrintWriter(err, true)))
        .isZero();
    assertThat(top.toString())
        .contains(
            "publish",
            "replay",
            "test-target",
            "check-config",
            "publish-samples",
            "reseal-secrets");
    for (String command : new String[] {"publish-samples", "reseal-secrets"}) {
      StringWriter help = new StringWriter();
      assertThat(NotifierCli.handles(new String[] {command})).isTrue();
      assertThat(
              NotifierCli.run(
                  new String[] {command, "--help"},
                  new PrintWriter(help, true),
                  new PrintWriter(err, true)))
          .isZero();
      assertThat(help.toString()).contains("Exit codes:");
    }
  }

  @Test
  void anUnreachableBrokerIsExitCodeThree() {
    int code =
        NotifierCli.run(
            new String[] {
              "publish",
              "--type",
              "usage",
              "-Dspring.kafka.bootstrap-servers=127.0.0.1:9",
              "-Dspring.kafka.producer.properties.max.block.ms=2000",
              "-Dspring.kafka.producer.properties.delivery.timeout.ms=3000",
              "-Dspring.kafka.producer.properties.request.timeout.ms=2000"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(PublishCommand.UNREACHABLE);
    assertThat(err.toString()).contains("the broker could not take it");
  }

  /** Runs a command against this test's broker and topic. */
  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-Dspring.kafka.bootstrap-servers=" + world.bootstrapServers());
    all.add("-Dnotifier.topics.events=" + world.eventsTopic());
    return NotifierCli.run(
        all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
