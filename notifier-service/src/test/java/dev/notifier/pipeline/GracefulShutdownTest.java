package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping an instance while a delivery is in flight neither loses nor repeats it. */
class GracefulShutdownTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void anInFlightDeliveryFinishesBeforeTheInstanceStops() {
    // given a platform that takes two seconds to answer
    wecom.respond(
        r -> {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ChatStandIn.WECOM_OK;
        });
    world.bindTarget("ops", "wecom", wecom.url("/send?key=k"), "circuit_breaker");
    ConfigurableApplicationContext first = world.start();
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.all().size() == 1);

    // when the instance is stopped mid-request
    first.close();

    // then the delivery completed and was recorded before it stopped
    assertThat(world.jdbc().sql("SELECT status FROM delivery_log").query(String.class).list())
        .containsExactly("delivered");

    // and a successor finds nothing left to send
    wecom.respond(r -> ChatStandIn.WECOM_OK);
    ConfigurableApplicationContext second = world.start();
    world.publishEvent("provider:2", Examples.breakerOpened(2));
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.all().size() == 2);
    assertThat(wecom.all().get(1).body()).contains("(ID: 2)");
    assertThat(second.isActive()).isTrue();
  }
}
