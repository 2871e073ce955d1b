package dev.notifier.chaos;

import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service is killed (SIGKILL: no shutdown, nothing flushed) while alerts stream in, and started
 * again: every alert arrives, and a target sees at most the one message that was in flight to it
 * twice.
 */
class ServiceCrashChaosIT {

  private static final int ALERTS = 300;

  private final ChaosRig rig = new ChaosRig("service-crash");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void killMinus9MidLoadLosesNothingAndRepeatsAtMostOnePerTarget() throws Exception {
    for (String name : new String[] {"a", "b", "c"}) {
      rig.webhook(name);
    }
    ServiceProcess first = rig.startService(Map.of());

    long start = System.nanoTime();
    Thread publisher = Thread.ofPlatform().start(() -> rig.trip(1, ALERTS));
    await().atMost(Duration.ofSeconds(60)).until(() -> rig.receiver.accepted().size() >= 150);
    first.kill();
    publisher.join();
    rig.startService(Map.of());

    await().atMost(Duration.ofSeconds(120)).until(() -> rig.allArrived(1, ALERTS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // anything still in flight has had its chance to arrive twice
    Thread.sleep(3_000);
    rig.report("service killed (SIGKILL) mid-load, restarted", ALERTS, took);
    rig.assertNoneLost(ALERTS, 1);
  }
}
