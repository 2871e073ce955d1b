package dev.notifier.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.Meters;
import dev.notifier.testing.TestWorld;
import dev.notifier.usage.UsageEventsForTests.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Usage roll-ups count each request once through the real pipeline: the same 10,000 events
 * delivered twice, then the whole topic replayed by a fresh consumer group, give exactly the
 * roll-ups of one pass; so do two instances consuming the same events at once.
 */
class UsageExactlyOnceTest {

  private static final String USAGE = "llmproxy.usage.recorded.v1";
  private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");

  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void deliveredTwiceAndReplayedOnceCountsOnce() {
    // given
    List<Request> requests = UsageEventsForTests.requests(10_000, 11, FROM);
    ConfigurableApplicationContext first = world.start();

    // when the same events arrive twice
    world.publishAll(UsageEventsForTests.records(world.eventsTopic(), requests));
    world.publishAll(UsageEventsForTests.records(world.eventsTopic(), requests));
    // at least once: a rebalance may hand some events over twice (they count nothing twice)
    await().atMost(Duration.ofSeconds(120)).until(() -> handled(first) >= 20_000);

    // and a consumer group that never saw them replays the whole topic
    ConfigurableApplicationContext replay =
        world.start(Map.of("notifier.consumer-group-prefix", "replay-" + System.nanoTime()));
    await().atMost(Duration.ofSeconds(120)).until(() -> handled(replay) >= 20_000);

    // then
    assertThat(Meters.count(first, "notifier.events", "type", USAGE, "outcome", "accepted"))
        .isEqualTo(10_000);
    assertThat(Meters.count(replay, "notifier.events", "type", USAGE, "outcome", "accepted"))
        .isZero();
    assertOnePass(requests);
    // written a poll at a time, not an event at a time
    io.micrometer.core.instrument.DistributionSummary batches =
        first
            .getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .get("notifier.usage.batch.events")
            .summary();
    assertThat(batches.totalAmount()).isGreaterThanOrEqualTo(20_000);
    assertThat(batches.count()).isLessThan(20_000 / 20);
  }

  @Test
  void twoInstancesConsumingTheSameEventsAtOnceCountEachOnce() {
    // given two instances in different consumer groups: each reads every event, at the same time
    List<Request> requests = UsageEventsForTests.requests(10_000, 12, FROM);
    ConfigurableApplicationContext a = world.start();
    ConfigurableApplicationContext b =
        world.start(Map.of("notifier.consumer-group-prefix", "other-" + System.nanoTime()));

    // when the events arrive twice
    world.publishAll(UsageEventsForTests.records(world.eventsTopic(), requests));
    world.publishAll(UsageEventsForTests.records(world.eventsTopic(), requests));
    await()
        .atMost(Duration.ofSeconds(180))
        .alias("handled by each instance")
        .until(
            () -> handled(a) + "/" + handled(b) + ", counted " + counted(),
            progress -> handled(a) >= 20_000 && handled(b) >= 20_000);

    // then each request was counted by exactly one of them, once
    assertThat(
            Meters.count(a, "notifier.events", "type", USAGE, "outcome", "accepted")
                + Meters.count(b, "notifier.events", "type", USAGE, "outcome", "accepted"))
        .isEqualTo(10_000);
    assertOnePass(requests);
    assertThat(world.readAll(world.eventsTopic() + ".DLT")).isEmpty();
  }

  private void assertOnePass(List<Request> requests) {
    Map<String, String> expected = UsageEventsForTests.expectedRows(requests);
    assertThat(UsageEventsForTests.rowsAsStored(world.jdbc())).isEqualTo(expected);
    assertThat(world.jdbc().sql("SELECT count(*) FROM usage_seen").query(Long.class).single())
        .isEqualTo(10_000L);
    // the cache-hit roll-ups are written in the same transaction: once as well
    long input = requests.stream().mapToLong(Request::in).sum();
    long read = requests.stream().mapToLong(Request::cacheRead).sum();
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT sum(requests) || '/' || sum(input_tokens) || '/' || sum(cache_read_tokens)"
                        + " || '/' || sum(session_requests) FROM usage_cache_5m")
                .query(String.class)
                .single())
        .isEqualTo("10000/" + input + "/" + read + "/10000");
  }

  private long counted() {
    return world.jdbc().sql("SELECT count(*) FROM usage_seen").query(Long.class).single();
  }

  private static double handled(ConfigurableApplicationContext instance) {
    return Meters.count(instance, "notifier.events", "type", USAGE, "outcome", "accepted")
        + Meters.count(instance, "notifier.events", "type", USAGE, "outcome", "suppressed");
  }
}
