package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.base.Outages;
import dev.notifier.channel.RateLimit;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a target's windows look like to an instance that starts after another one sent to it, on a
 * real PostgreSQL: the one that sent may have been killed between the platform counting a message
 * and hearing its answer.
 */
class ThrottleWindowsTest {

  private static final long TARGET = 7;
  private static final List<RateLimit> ONE_PER_30_S =
      List.of(new RateLimit(1, Duration.ofSeconds(30)));
  private static final Duration DEADLINE = Duration.ofSeconds(8);

  private final TestWorld world = new TestWorld();
  private final ThrottleWindows store = new ThrottleWindows(world.jdbc());
  private final Stopped clock = new Stopped(Instant.parse("2026-12-07T12:00:00Z"));

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aSendKilledBeforeItsAnswerStillFillsTheWindowOfTheNextInstance() {
    Throttle killed = fresh();

    killed.reserve(TARGET, ONE_PER_30_S, 1, DEADLINE);
    // SIGKILL here: the platform may have counted the message, and no answer was written down

    Duration wait = fresh().waitBefore(TARGET, ONE_PER_30_S);
    // counted as sent at the latest moment the platform could have: the whole window from then
    assertThat(wait).isEqualTo(Duration.ofSeconds(30).plus(DEADLINE));
  }

  @Test
  void theAnswerMovesTheSendToWhenItCame() {
    Throttle throttle = fresh();

    Instant reserved = throttle.reserve(TARGET, ONE_PER_30_S, 1, DEADLINE);
    clock.now = clock.now.plusMillis(250);
    throttle.sent(TARGET, ONE_PER_30_S, 1, reserved);

    // a whole window from the answer, not from the reserved latest moment (that would be 37.75 s)
    assertThat(fresh().waitBefore(TARGET, ONE_PER_30_S)).isEqualTo(Duration.ofSeconds(30));
    assertThat(
            world
                .jdbc()
                .sql("SELECT count(*) FROM target_sends WHERE target_id = :t")
                .param("t", TARGET)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aTargetWithoutAQuotaWritesNothing() {
    assertThat(fresh().reserve(TARGET, List.of(), 1, DEADLINE)).isNull();
    assertThat(world.jdbc().sql("SELECT count(*) FROM target_sends").query(Long.class).single())
        .isZero();
  }

  /** An instance that has just started: it knows of the target only what the database says. */
  private Throttle fresh() {
    return new Throttle(clock, store, new Outages());
  }

  /** A clock that moves only when the test moves it, so that waits come out exact. */
  private static final class Stopped extends java.time.Clock {
    volatile Instant now;

    Stopped(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
