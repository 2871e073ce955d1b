package dev.notifier.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dedupe statement against a real PostgreSQL: atomic under contention, and kind to
 * redeliveries.
 */
class BreakerSuppressionTest {

  private final TestWorld world = new TestWorld();
  private final BreakerSuppression suppression =
      new BreakerSuppression(
          world.jdbc(), new DedupeProperties(Duration.ofMinutes(5), Duration.ZERO));

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void theOwnerPassesAgainWhenRedeliveredAndOthersAreSuppressedAndCounted() {
    assertThat(suppression.claim("breaker.opened:provider:1", "event-a")).isTrue();
    assertThat(suppression.claim("breaker.opened:provider:1", "event-a")).isTrue();
    assertThat(suppression.claim("breaker.opened:provider:1", "event-b")).isFalse();
    assertThat(suppression.claim("breaker.opened:provider:1", "event-c")).isFalse();
    assertThat(suppression.claim("breaker.opened:provider:2", "event-d")).isTrue();

    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT suppressed_count FROM alert_suppressions WHERE dedupe_key = 'breaker.opened:provider:1'")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aNewWindowStartsWhenTheOldOneIsOver() {
    BreakerSuppression shortWindow =
        new BreakerSuppression(
            world.jdbc(), new DedupeProperties(Duration.ofMillis(300), Duration.ZERO));
    assertThat(shortWindow.claim("k", "first")).isTrue();
    assertThat(shortWindow.claim("k", "second")).isFalse();
    world.jdbc().sql("SELECT pg_sleep(0.4)").query().singleRow();
    assertThat(shortWindow.claim("k", "third")).isTrue();
    assertThat(shortWindow.claim("k", "first")).isFalse();
  }

  @Test
  void exactlyOneOfManyConcurrentClaimantsWins() throws Exception {
    // given 16 threads, each on its own connection, released at once
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String event = "event-" + i;
      Callable<Boolean> claim =
          () -> {
            start.await();
            return suppression.claim("breaker.opened:provider:42", event);
          };
      results.add(pool.submit(claim));
    }

    // when
    start.countDown();

    // then
    int winners = 0;
    for (Future<Boolean> result : results) {
      winners += result.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(winners).isEqualTo(1);
  }
}
