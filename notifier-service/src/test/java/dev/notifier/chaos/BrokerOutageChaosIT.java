package dev.notifier.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker dies mid-load (SIGKILL) and is back an outage later (ChaosRig.outage(): 10 s in a
 * build) on the same data: the service waits and goes on, and every alert arrives, without a
 * restart of the service.
 */
class BrokerOutageChaosIT {

  private static final int ALERTS = 200;

  private final ChaosRig rig = new ChaosRig("broker-outage");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void theBrokerGoneForAnOutageLosesNothing() throws Exception {
    for (String name : new String[] {"a", "b"}) {
      rig.webhook(name);
    }
    rig.startService(Map.of());

    long start = System.nanoTime();
    rig.trip(1, ALERTS / 2);
    await().atMost(Duration.ofSeconds(60)).until(() -> rig.receiver.accepted().size() >= 50);
    rig.broker.kill();
    Thread.sleep(ChaosRig.outage().toMillis());
    rig.broker.start();
    rig.trip(ALERTS / 2 + 1, ALERTS);

    await().atMost(Duration.ofSeconds(120)).until(() -> rig.allArrived(1, ALERTS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Thread.sleep(3_000);
    rig.report(
        "broker killed mid-load, back after " + ChaosRig.outage().toSeconds() + " s", ALERTS, took);
    rig.assertNoneLost(ALERTS, 1);
  }
}
