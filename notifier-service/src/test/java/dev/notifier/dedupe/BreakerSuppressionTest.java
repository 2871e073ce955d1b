package dev.notifier.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dedupe statement against a real PostgreSQL: atomic under contention, and kind to
 * redeliveries.
 */
class BreakerSuppressionTest {

  private final TestWorld world = new TestWorld();
  private final BreakerSuppression suppression =
      new BreakerSuppression(
          world.jdbc(), new DedupeProperties(Duration.ofMinutes(5), Duration.ZERO), world.clock());

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
  void anOpenedAlertsOutageIsRecordedWithItsClaimAndOnlyWhenTheClaimIsWon() {
    Instant outage = Instant.parse("2027-05-01T08:00:00Z");
    world.clock().set(outage.plusSeconds(3));
    BreakerSuppression.Opening opening = new BreakerSuppression.Opening("provider:7", outage);

    assertThat(suppression.claim("breaker.opened:provider:7", "event-a", opening)).isTrue();
    // a redelivery of the owner keeps the first record; a duplicate inside the window adds none
    assertThat(
            suppression.claim(
                "breaker.opened:provider:7",
                "event-a",
                new BreakerSuppression.Opening("provider:7", outage.plusSeconds(9))))
        .isTrue();
    assertThat(
            suppression.claim(
                "breaker.opened:provider:8",
                "event-b",
                new BreakerSuppression.Opening("provider:8", outage)))
        .isTrue();
    world.jdbc().sql("DELETE FROM breaker_openings WHERE breaker_key = 'provider:8'").update();
    assertThat(
            suppression.claim(
                "breaker.opened:provider:8",
                "event-c",
                new BreakerSuppression.Opening("provider:8", outage)))
        .isFalse();

    assertThat(new BreakerOpenings(world.jdbc()).reportedSince("provider:7")).contains(outage);
    assertThat(new BreakerOpenings(world.jdbc()).reportedSince("provider:8")).isEmpty();
    assertThat(
            world
                .jdbc()
                .sql("SELECT recorded_at FROM breaker_openings WHERE breaker_key = 'provider:7'")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant())
        .as("stamped by the service's clock (a year ahead), not the database's")
        .isBetween(outage.plusSeconds(3), world.clock().instant());
  }

  /**
   * The five-minute window on the service's clock, set to instants that break naive code: the last
   * second of a year, a leap day's last minutes, the minutes before New York's clocks go forward
   * and back, and a day ten years out. The database compares with the instant it is given, so the
   * window ends five minutes later whatever the date, the server's own clock or the zone.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-12-31T23:59:59Z",
        "2028-02-29T23:58:00Z",
        "2027-03-14T06:59:00Z",
        "2027-11-07T05:59:00Z",
        "2036-12-07T01:00:00Z"
      })
  void aNewWindowStartsWhenTheOldOneIsOver(String at) {
    world.clock().set(Instant.parse(at));
    assertThat(suppression.claim("k", "first")).isTrue();
    world.clock().advance(Duration.ofMinutes(4).plusSeconds(50));
    assertThat(suppression.claim("k", "second")).isFalse();
    world.clock().advance(Duration.ofSeconds(11));
    assertThat(suppression.claim("k", "third")).isTrue();
    assertThat(suppression.claim("k", "first")).isFalse();
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
