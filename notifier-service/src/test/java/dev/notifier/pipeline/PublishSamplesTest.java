package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What README promises of {@code publish-samples}: the breaker alert, its recovery notice and the
 * cost alert arrive.
 */
class PublishSamplesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void theSamplesBringTheAlertItsRecoveryAndTheCostAlert() {
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    world.bindTarget(
        "ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k1"), "circuit_breaker", "cost_alert");
    world.start();

    java.io.StringWriter out = new java.io.StringWriter();
    java.io.PrintWriter print = new java.io.PrintWriter(out, true);
    int exit =
        dev.notifier.cli.NotifierCli.run(
            new String[] {
              "publish-samples",
              "-Dspring.kafka.bootstrap-servers=" + world.bootstrapServers(),
              "-Dnotifier.topics.events=" + world.eventsTopic()
            },
            print,
            print);

    assertThat(exit).as(out.toString()).isZero();
    // quiet: one line per event, no client start-up chatter
    assertThat(out.toString().lines()).hasSize(4).allMatch(l -> l.startsWith("published "));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 3);
    String all = String.join("\n", wecom.accepted().stream().map(r -> r.body()).toList());
    assertThat(all).contains("熔断告警", "熔断恢复", "成本预警");
  }
}
