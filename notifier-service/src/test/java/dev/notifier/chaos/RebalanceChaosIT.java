package dev.notifier.chaos;

import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A second instance joins mid-load and leaves again (a rolling restart): partitions move twice,
 * every alert arrives, and a target sees at most the one message in flight to it twice per move.
 */
class RebalanceChaosIT {

  private static final int ALERTS = 300;

  private final ChaosRig rig = new ChaosRig("rebalance");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void aSecondInstanceJoiningAndLeavingLosesNothing() throws Exception {
    for (String name : new String[] {"a", "b", "c"}) {
      rig.webhook(name);
    }
    rig.startService(Map.of());

    long start = System.nanoTime();
    Thread publisher =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 1; i <= ALERTS; i += 10) {
                    rig.trip(i, i + 9);
                    sleep(100);
                  }
                });
    await().atMost(Duration.ofSeconds(60)).until(() -> rig.receiver.accepted().size() >= 60);
    ServiceProcess second = rig.startService(Map.of());
    Thread.sleep(5_000);
    second.stop();
    publisher.join();

    await().atMost(Duration.ofSeconds(120)).until(() -> rig.allArrived(1, ALERTS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Thread.sleep(3_000);
    rig.report("second instance joined mid-load, then left", ALERTS, took);
    rig.assertNoneLost(ALERTS, 2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
