package dev.notifier.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers misbehave the ways receivers do, each for a while: one hangs (answers nothing, for
 * twice {@link ChaosRig#outage()}, 20 s in a build), one drops connections, one answers 429 with
 * Retry-After, one 503 for one and a half outages; a fifth is healthy throughout. Every alert
 * reaches every one of them in the end, none is dead-lettered, and the healthy one is never held
 * up.
 */
class ReceiverFaultsChaosIT {

  private static final int ALERTS = 100;

  private final ChaosRig rig = new ChaosRig("receiver-faults");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void everyAlertReachesEveryMisbehavingReceiverInTheEnd() throws Exception {
    for (String name : new String[] {"hangs", "resets", "throttles", "unavailable", "healthy"}) {
      rig.webhook(name);
    }
    // a hang outlasts several request timeouts (5 s), a maintenance several retry delays
    long hangMs = 2 * ChaosRig.outage().toMillis();
    long unavailableMs = ChaosRig.outage().toMillis() * 3 / 2;
    long start = System.nanoTime();
    AtomicInteger drops = new AtomicInteger();
    AtomicInteger throttled = new AtomicInteger();
    rig.receiver.respond(
        r -> {
          long elapsed = (System.nanoTime() - start) / 1_000_000;
          return switch (r.path()) {
            case "/hook/hangs" -> {
              if (elapsed < hangMs) {
                sleep(hangMs + 20_000);
                yield Reply.status(500, "gave up");
              }
              yield Reply.json("{}");
            }
            case "/hook/resets" -> drops.incrementAndGet() % 3 != 0 ? Reply.DROP : Reply.json("{}");
            case "/hook/throttles" ->
                throttled.incrementAndGet() <= 30
                    ? new Reply(429, "slow down", Map.of("Retry-After", "2"))
                    : Reply.json("{}");
            case "/hook/unavailable" ->
                elapsed < unavailableMs ? Reply.status(503, "maintenance") : Reply.json("{}");
            default -> Reply.json("{}");
          };
        });
    rig.startService(Map.of());

    rig.trip(1, ALERTS);

    // the healthy one is not held up by the others
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rig.count(1, ALERTS).get("healthy").lost() == 0);
    long healthyMs = (System.nanoTime() - start) / 1_000_000;
    await().atMost(Duration.ofSeconds(180)).until(() -> rig.allArrived(1, ALERTS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Thread.sleep(3_000);
    rig.report(
        "receivers hanging "
            + hangMs / 1000
            + " s, resetting, 429 Retry-After, 503 for "
            + unavailableMs / 1000
            + " s (healthy one done in "
            + healthyMs / 1000
            + " s)",
        ALERTS,
        took);
    rig.assertNoneLost(ALERTS, 1);
    assertThat(
            rig.jdbc
                .sql("SELECT count(*) FROM delivery_log WHERE status = 'failed'")
                .query(Integer.class)
                .single())
        .as("deliveries that ended failed")
        .isZero();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
