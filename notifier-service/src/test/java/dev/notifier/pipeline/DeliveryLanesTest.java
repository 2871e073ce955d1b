package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries run in per-target lanes and their log rows are written in batches: a target still gets
 * its messages in order, and a task that arrives twice is sent once even when the second copy comes
 * before the first one's row is written.
 */
class DeliveryLanesTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn fast = new ChatStandIn();
  private final ChatStandIn slow = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    fast.close();
    slow.close();
  }

  @Test
  void eachTargetGetsItsMessagesInOrderWhileASlowTargetHoldsNobodyElseUp() {
    // given one platform that takes 300 ms per message and one that answers at once
    slow.respond(
        r -> {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ChatStandIn.WECOM_OK;
        });
    world.bindTarget("slow", "wecom", slow.url("/send?key=slow"), "circuit_breaker");
    world.bindTarget("fast", "wecom", fast.url("/send?key=fast"), "circuit_breaker");
    world.start();

    // when ten providers trip, one after another (one partition, so they are read in this order)
    Examples.tripInOrder(world, 1, 10);

    // then the fast target has all ten before the slow one is done
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> fast.accepted().size() == 10);
    assertThat(slow.accepted().size()).isLessThan(10);

    // and both saw the providers in the order they tripped
    await().atMost(Duration.ofSeconds(30)).until(() -> slow.accepted().size() == 10);
    List<String> expected = IntStream.rangeClosed(1, 10).mapToObj(i -> "(ID: " + i + ")").toList();
    assertThat(providerOrder(fast)).containsExactlyElementsOf(expected);
    assertThat(providerOrder(slow)).containsExactlyElementsOf(expected);
    // each is logged once its platform has answered, so the last may still be on its way
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                world
                    .jdbc()
                    .sql("SELECT count(*) FROM delivery_log WHERE status = 'delivered'")
                    .query(Long.class)
                    .single(),
            n -> n == 20);
  }

  @Test
  void aTaskDeliveredTwiceInARowIsSentOnce() {
    // given a delivered task, copied
    world.bindTarget("ops", "wecom", fast.url("/send?key=k"), "circuit_breaker");
    world.start();
    world.publishEvent("provider:1", Examples.breakerOpened(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> fast.accepted().size() == 1);
    ConsumerRecord<String, byte[]> task = world.readAll(world.deliveriesTopic()).getFirst();

    // when the same task arrives five times back to back (as after a producer retry upstream)
    for (int i = 0; i < 5; i++) {
      world.publish(world.deliveriesTopic(), task.key(), task.value());
    }
    world.publishEvent("provider:2", Examples.breakerOpened(2));

    // then only the new provider's message is sent
    await().atMost(Duration.ofSeconds(30)).until(() -> fast.accepted().size() == 2);
    await().during(Duration.ofSeconds(2)).until(() -> fast.accepted().size() == 2);
    assertThat(fast.accepted().get(1).body()).contains("(ID: 2)");
  }

  private static List<String> providerOrder(ChatStandIn platform) {
    return platform.accepted().stream()
        .map(r -> r.body().replaceAll("(?s).*?(\\(ID: \\d+\\)).*", "$1"))
        .toList();
  }
}
