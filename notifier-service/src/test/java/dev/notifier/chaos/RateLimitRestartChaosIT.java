package dev.notifier.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WeCom-shaped bot that allows 5 messages in any 30 s and answers errcode 45009 beyond: a burst,
 * the service killed (SIGKILL) and started again within the window, another burst. The new instance
 * knows what the old one sent, so the bot never has to refuse, and every alert arrives.
 */
class RateLimitRestartChaosIT {

  private static final int LIMIT = 5;
  private static final long WINDOW_MS = 30_000;

  private final ChaosRig rig = new ChaosRig("rate-limit-restart");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void aRestartInsideTheWindowNeverEarnsARateLimitAnswer() throws Exception {
    Deque<Long> sent = new ArrayDeque<>();
    AtomicInteger refused = new AtomicInteger();
    rig.receiver.respond(
        r -> {
          synchronized (sent) {
            long now = System.currentTimeMillis();
            while (!sent.isEmpty() && sent.peekFirst() <= now - WINDOW_MS) {
              sent.removeFirst();
            }
            if (sent.size() >= LIMIT) {
              refused.incrementAndGet();
              return ChatStandIn.Reply.json(
                  "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
            }
            sent.addLast(now);
            return ChatStandIn.WECOM_OK;
          }
        });
    rig.target(
        "bot",
        "wecom",
        rig.receiver.url("/cgi-bin/webhook/send?key=chaos"),
        "{\"rateLimits\": [{\"limit\": " + LIMIT + ", \"perSeconds\": 30}]}");
    ServiceProcess first = rig.startService(Map.of());

    long start = System.nanoTime();
    rig.trip(1, 10);
    await().atMost(Duration.ofSeconds(30)).until(() -> rig.receiver.accepted().size() >= LIMIT);
    first.kill();
    rig.startService(Map.of());
    rig.trip(11, 20);

    await().atMost(Duration.ofSeconds(120)).until(() -> rig.allArrived(1, 20));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    rig.report("bot quota 5/30 s: burst, SIGKILL, restart inside the window, burst", 20, took);
    assertThat(refused.get()).as("45009 answers").isZero();
    rig.assertNoneLost(20, 1);
  }
}
