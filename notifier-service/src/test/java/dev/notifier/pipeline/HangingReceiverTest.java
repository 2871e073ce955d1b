package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three webhooks that hang for a minute share a deliveries partition with a healthy chat: the
 * healthy one gets every alert within seconds, and the hanging ones get theirs later, from the held
 * store, none lost.
 */
class HangingReceiverTest {

  private static final int PARTITIONS = 3;

  private final TestWorld world = new TestWorld();
  private final ChatStandIn hanging = new ChatStandIn();
  private final ChatStandIn healthy = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    healthy.close();
    hanging.close();
  }

  @Test
  void aHangingTargetNeverHoldsUpAnotherOnItsPartition() {
    // given three webhooks that answer after 60 s (beyond every timeout) and a healthy one (no
    // quota, so only the hanging ones can slow it), all four on one deliveries partition
    hanging.respond(
        r -> {
          sleep(60_000);
          return ChatStandIn.Reply.json("{}");
        });
    List<Long> slow = new ArrayList<>();
    Long fast = null;
    int partition = -1;
    for (int i = 0; slow.size() < 3 || fast == null; i++) {
      String name = "t" + i;
      boolean wantSlow = slow.size() < 3;
      long id =
          wantSlow
              ? world.bindTarget(name, "webhook", hanging.url("/hook/" + i), "circuit_breaker")
              : world.bindTarget(name, "webhook", healthy.url("/hook"), "circuit_breaker");
      int p = Utils.toPositive(Utils.murmur2(bytes(id))) % PARTITIONS;
      if (partition < 0) {
        partition = p;
      }
      if (p != partition) {
        world.jdbc().sql("DELETE FROM webhook_targets WHERE id = :id").param("id", id).update();
      } else if (wantSlow) {
        slow.add(id);
      } else {
        fast = id;
      }
    }
    world.start(Map.of("notifier.delivery.retry.attempts", "2"));

    // when 30 providers trip
    long start = System.nanoTime();
    Examples.tripInOrder(world, 1, 30);

    // then the healthy bot has all 30 within 15 s
    await().atMost(Duration.ofSeconds(15)).until(() -> healthy.accepted().size() == 30);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(tookMs).isLessThan(15_000);

    // and every alert to the hanging webhooks is in the held store or on its way, none lost
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                world
                        .jdbc()
                        .sql(
                            "SELECT count(*) FROM delivery_log WHERE target_id IN (:ids) AND status IN ('held', 'failed')")
                        .param("ids", slow)
                        .query(Integer.class)
                        .single()
                    == 90);
    assertThat(world.readAll(world.deliveriesTopic() + ".DLT")).isEmpty();
  }

  @Test
  void aBurstToABusyButAnsweringTargetIsSentOneByOneNotHeld() {
    // given a webhook that answers every request, each after 20 ms
    healthy.respond(
        r -> {
          sleep(20);
          return ChatStandIn.Reply.json("{}");
        });
    world.bindTarget("busy", "webhook", healthy.url("/hook"), "circuit_breaker");
    world.start();

    // when 300 providers trip at once: six seconds of work queued for one target, twice the lane
    // budget, with every send well within it
    Examples.tripInOrder(world, 1, 300);

    // then each goes out on its own, none held for a digest
    await().atMost(Duration.ofSeconds(60)).until(() -> healthy.accepted().size() == 300);
    assertThat(
            world
                .jdbc()
                .sql("SELECT count(*) FROM delivery_log WHERE reason = 'lane_busy'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  private static byte[] bytes(long id) {
    return String.valueOf(id).getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
