package dev.notifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.base.Topics;
import dev.notifier.pipeline.Examples;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code notifier replay} against a real broker, database and platform stand-in: a dead-lettered
 * delivery is listed with its reason, filtered, shown but not sent by {@code --dry-run}, and
 * delivered once the platform is well again and it is re-published; wrong arguments are usage
 * errors; an unreachable broker is exit code 3.
 */
class ReplayCommandTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void aDeadLetterIsListedFilteredDryRunAndReplayedOnce() {
    AtomicBoolean broken = new AtomicBoolean(true);
    wecom.respond(
        r ->
            broken.get()
                ? Reply.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")
                : ChatStandIn.WECOM_OK);
    long target =
        world.bindTarget(
            "ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.start();
    world.publishEvent("provider:1", Examples.breakerOpened(1));
    String dlt = world.deliveriesTopic() + Topics.DLT_SUFFIX;
    await().atMost(Duration.ofSeconds(30)).until(() -> world.readAll(dlt).size() == 1);

    assertThat(run("replay", "--type", "circuit_breaker", "--target", String.valueOf(target)))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("circuit_breaker", "wecom", "matched 1");
    assertThat(run("replay", "--channel", "slack")).isZero();
    assertThat(out.toString()).contains("matched 0");
    assertThat(run("replay", "--dry-run")).isZero();
    assertThat(out.toString()).contains("matched 1");
    assertThat(world.readAll(world.deliveriesTopic())).hasSize(1);

    broken.set(false);
    assertThat(run("replay", "--publish")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("re-published 1 to " + world.deliveriesTopic());
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);

    // replayed again: the delivery log knows it was made, nothing more is sent
    assertThat(run("replay", "--publish")).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.readAll(world.deliveriesTopic()).size() == 3);
    sleepQuietly(2_000);
    assertThat(wecom.accepted()).hasSize(1);
  }

  @Test
  void wrongArgumentsAreUsageErrors() {
    assertThat(run("replay", "--since", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--since");
    assertThat(run("replay", "--target", "ops")).isEqualTo(2);
    assertThat(run("replay", "--publish", "--dry-run")).isEqualTo(2);
    assertThat(err.toString()).contains("contradict");
    assertThat(run("replay", "--no-such-option")).isEqualTo(2);
  }

  @Test
  void helpSaysWhatItTakesAndItsExitCodes() {
    assertThat(run("replay", "--help")).isZero();
    assertThat(out.toString()).contains("--publish", "--dry-run", "--since", "Exit codes:");
  }

  @Test
  void anUnreachableBrokerIsExitCodeThree() {
    int code =
        NotifierCli.run(
            new String[] {
              "replay",
              "-Dspring.kafka.bootstrap-servers=127.0.0.1:9",
              "-Dspring.kafka.consumer.properties.default.api.timeout.ms=2000",
              "-Dspring.kafka.consumer.properties.request.timeout.ms=1000"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(PublishCommand.UNREACHABLE);
    assertThat(err.toString()).contains("could not be reached");
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-Dspring.kafka.bootstrap-servers=" + world.bootstrapServers());
    all.add("-Dnotifier.topics.deliveries=" + world.deliveriesTopic());
    return NotifierCli.run(
        all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
