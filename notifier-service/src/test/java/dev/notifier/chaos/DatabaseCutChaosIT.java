package dev.notifier.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's database refuses connections and cuts the open ones for an outage
 * (ChaosRig.outage(): 10 s in a build) while alerts stream in: within 60 s of its return every
 * alert has arrived, without a restart, none lost.
 */
class DatabaseCutChaosIT {

  private static final int ALERTS = 300;

  private final ChaosRig rig = new ChaosRig("database-cut");

  @AfterEach
  void tearDown() {
    rig.database.allowConnections();
    rig.close();
  }

  @Test
  void theDatabaseCutForAnOutageMidLoadLosesNothing() throws Exception {
    for (String name : new String[] {"a", "b", "c"}) {
      rig.webhook(name);
    }
    rig.startService(Map.of());

    long start = System.nanoTime();
    Thread publisher = Thread.ofPlatform().start(() -> rig.trip(1, ALERTS));
    await().atMost(Duration.ofSeconds(60)).until(() -> rig.receiver.accepted().size() >= 100);
    rig.database.refuseConnections();
    publisher.join();
    Thread.sleep(ChaosRig.outage().toMillis());
    rig.database.allowConnections();
    long back = System.nanoTime();

    await().atMost(Duration.ofSeconds(60)).until(() -> rig.allArrived(1, ALERTS));
    Duration afterReturn = Duration.ofNanos(System.nanoTime() - back);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Thread.sleep(3_000);
    rig.report(
        "database cut for "
            + ChaosRig.outage().toSeconds()
            + " s mid-load ("
            + afterReturn.toSeconds()
            + " s to catch up)",
        ALERTS,
        took);
    rig.assertNoneLost(ALERTS, 1);
  }
}
