package dev.notifier.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.pipeline.Examples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Poison of every kind, each followed on the same partition by good events: not JSON, an empty
 * record, an unknown type, a schema violation, an event too large even for the DLT producer, data
 * the database refuses, a binary-mode event without a required attribute. Every good alert arrives,
 * every poison one is in the events DLT with its reason, and no partition waits.
 */
class PoisonChaosIT {

  private final ChaosRig rig = new ChaosRig("poison");

  @AfterEach
  void tearDown() {
    rig.close();
  }

  @Test
  void everyKindOfPoisonIsSetAsideAndTheGoodEventsBehindItArrive() throws Exception {
    rig.webhook("a");
    rig.startService(Map.of());
    String valid = Examples.read("circuit-breaker-opened");
    String usage = Examples.read("usage-recorded");
    byte[][] poison = {
      "{\"specversion\": \"1.0\", \"id\": ".getBytes(StandardCharsets.UTF_8),
      null,
      bytes(valid.replace("circuit_breaker.opened.v1", "circuit_breaker.melted.v1")),
      bytes(valid.replace("\"failureCount\": 5", "\"failureCount\": -3")),
      bytes(valid.replace("\"lastError\": \"", "\"lastError\": \"" + "x".repeat(1_900_000))),
      bytes(usage.replace("\"userName\": \"", "\"userName\": \"\\u0000"))
    };

    long start = System.nanoTime();
    int provider = 0;
    for (byte[] bad : poison) {
      rig.send("poisoned-partition", bad);
      for (int i = 0; i < 5; i++) {
        provider++;
        rig.send("poisoned-partition", bytes(Examples.breakerOpened(provider)));
      }
    }
    // binary mode, as the CloudEvents SDK sends it, but without ce_subject
    rig.send(
        "poisoned-partition",
        bytes(
            "{\"providerId\": 1, \"providerName\": \"x\", \"failureCount\": 1,"
                + " \"retryAt\": \"2025-01-15T06:30:00Z\", \"source\": \"provider\"}"),
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", "binary-without-subject",
            "ce_source", "/llm-proxy",
            "ce_type", "llmproxy.circuit_breaker.opened.v1",
            "ce_time", "2025-01-15T06:00:00Z",
            "content-type", "application/json"));
    for (int i = 0; i < 5; i++) {
      provider++;
      rig.send("poisoned-partition", bytes(Examples.breakerOpened(provider)));
    }
    int good = provider;

    await().atMost(Duration.ofSeconds(60)).until(() -> rig.allArrived(1, good));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    rig.report("poison of 7 kinds, each followed by 5 good events on its partition", good, took);
    rig.assertNoneLost(good, 0);
    // the usage event is written a poll at a time, apart from the alerts behind it: its refusal
    // may be dead-lettered after they arrived
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rig.scrapeSum("notifier_dlt_records_total", "topic=\"events_dlt\"")
                    >= poison.length + 1);
    Thread.sleep(1_000);
    assertThat(rig.scrapeSum("notifier_dlt_records_total", "topic=\"events_dlt\""))
        .isEqualTo(poison.length + 1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
