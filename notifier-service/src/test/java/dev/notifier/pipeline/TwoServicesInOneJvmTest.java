package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.base.Outages;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.SendOutcome;
import dev.notifier.testing.TestWorld;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Two services in one JVM (as tests run them) share no state: each waits out its own outages and
 * cancels its own requests at their deadlines, and closing one leaves the other's working.
 */
class TwoServicesInOneJvmTest {

  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void anOutageOneServiceWaitsOutIsNotTheOthers() throws Exception {
    ConfigurableApplicationContext first = world.start();
    ConfigurableApplicationContext second = world.start();
    Outages firstOutages = first.getBean(Outages.class);
    Outages secondOutages = second.getBean(Outages.class);
    CountDownLatch databaseBack = new CountDownLatch(1);

    // when the first service meets a database that does not answer
    Thread waiting =
        Thread.ofVirtual()
            .start(
                () ->
                    firstOutages.waitOut(
                        "test",
                        () -> {
                          if (databaseBack.getCount() > 0) {
                            throw new TransientDataAccessResourceException("connection refused");
                          }
                          return 1;
                        }));
    await().atMost(Duration.ofSeconds(10)).until(firstOutages::ongoing);

    // then only the first is waiting
    assertThat(secondOutages.ongoing()).isFalse();
    databaseBack.countDown();
    waiting.join(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> !firstOutages.ongoing());
  }

  @Test
  void closingOneServiceLeavesTheOthersDeadlinesRunning() throws Exception {
    ConfigurableApplicationContext first =
        world.start(Map.of("notifier.channels.request-timeout", "500ms"));
    ConfigurableApplicationContext second =
        world.start(Map.of("notifier.channels.request-timeout", "500ms"));
    HttpTransport survivor = second.getBean(HttpTransport.class);
    assertThat(survivor).isNotSameAs(first.getBean(HttpTransport.class));

    first.close();

    // a receiver that accepts and never answers is still cut off at the survivor's deadline
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception e) {
                  // the client hung up, as it should
                }
              });
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/send";
      long started = System.nanoTime();
      SendOutcome outcome =
          survivor.postJson(
              new Destination(1, "silent", url, null),
              url,
              "{}",
              Map.of(),
              List.of(),
              reply -> new SendOutcome.Delivered(null));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(outcome)
          .isInstanceOfSatisfying(
              SendOutcome.Failed.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
      assertThat(tookMs).isLessThan(5_000);
    }
  }
}
