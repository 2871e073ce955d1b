package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst beyond a platform's quota: the target gets what the quota allows at once, the rest merged
 * into digests when the window moves on, and the platform never has to refuse anything; a target
 * without a quota on the same partition is not held up. The quota is WeCom's real one, 20 a minute;
 * the minute passes on the world's clock, which the service and the WeCom stand-in both read, so
 * the test need not wait for it.
 */
class RateLimitTest {

  private static final long WINDOW_MS = 60_000;

  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();
  private final ChatStandIn other = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
    other.close();
  }

  @Test
  void aHundredAlertsToOneWeComBotAllArriveWithinItsQuotaAndNobodyElseWaits() {
    // given a WeCom stand-in that enforces 20 messages a minute the way WeCom does (45009)
    Deque<Long> recent = new ArrayDeque<>();
    AtomicInteger refused = new AtomicInteger();
    wecom.respond(
        r -> {
          synchronized (recent) {
            long now = world.clock().millis();
            while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW_MS) {
              recent.removeFirst();
            }
            if (recent.size() >= 20) {
              refused.incrementAndGet();
              return Reply.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
            }
            recent.addLast(now);
            return ChatStandIn.WECOM_OK;
          }
        });
    world.bindTarget("ops-wecom", "wecom", wecom.url("/send?key=busy"), "circuit_breaker");
    long otherId =
        world.bindTarget("archive", "wecom", other.url("/send?key=other"), "circuit_breaker");
    world
        .jdbc()
        .sql(
            "UPDATE webhook_targets SET config = CAST('{\"rateLimits\": []}' AS jsonb) WHERE id = :id")
        .param("id", otherId)
        .update();
    world.start();

    // when a hundred providers trip at once
    Examples.tripInOrder(world, 1, 100);

    // then the target without a quota has all hundred while the WeCom bot has had its twenty
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> other.accepted().size() == 100);
    assertThat(wecom.accepted()).hasSize(20);

    // and, once the minute has passed, every alert reached WeCom, some inside digests
    world.clock().advance(Duration.ofMillis(WINDOW_MS + 1_000));
    await()
        .atMost(Duration.ofSeconds(100))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> providersSeen(wecom).size() == 100);
    assertThat(refused).hasValue(0);
    assertThat(wecom.all()).hasSizeLessThanOrEqualTo(40);
    assertThat(wecom.accepted().stream().filter(r -> r.body().contains("另有")).count()).isPositive();
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT count(*) FROM delivery_log WHERE status = 'delivered' AND target_id <> :o")
                .param("o", otherId)
                .query(Long.class)
                .single())
        .isEqualTo(100);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                world.jdbc().sql("SELECT count(*) FROM held_deliveries").query(Long.class).single()
                    == 0);
  }

  private static List<Integer> providersSeen(ChatStandIn platform) {
    return IntStream.rangeClosed(1, 100)
        .filter(
            i -> platform.accepted().stream().anyMatch(r -> r.body().contains("(ID: " + i + ")")))
        .boxed()
        .toList();
  }
}
