package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.base.Outages;
import dev.notifier.channel.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sliding windows: exactly the platform's quota in any window, never twice it. */
class ThrottleTest {

  private final MutableClock clock = new MutableClock();
  private final Throttle throttle = new Throttle(clock, ThrottleWindows.NONE, new Outages());

  @Test
  void twentyPerMinuteMeansTwentyInAnyMinuteNotTwentyPlusARefill() {
    List<RateLimit> wecom = List.of(RateLimit.perMinute(20));
    for (int i = 0; i < 20; i++) {
      assertThat(throttle.waitBefore(1, wecom)).isZero();
      send(1, wecom, 1);
      clock.advance(Duration.ofMillis(500)); // twenty sends over ten seconds
    }
    // a token bucket would have refilled three tokens by now; the platform's window has not moved
    assertThat(throttle.waitBefore(1, wecom)).isEqualTo(Duration.ofMillis(50_000));
    clock.advance(Duration.ofMillis(50_000));
    assertThat(throttle.waitBefore(1, wecom)).isZero();
  }

  @Test
  void aReportOfFiveMessagesWaitsUntilFiveFitInTheMinute() {
    // given a WeCom bot that took sixteen messages in the last ten seconds
    List<RateLimit> wecom = List.of(RateLimit.perMinute(20));
    for (int i = 0; i < 16; i++) {
      send(1, wecom, 1);
      clock.advance(Duration.ofMillis(625));
    }
    // then one more message fits, but not a text with four charts
    assertThat(throttle.waitBefore(1, wecom, 1)).isZero();
    assertThat(throttle.waitBefore(1, wecom, 5)).isEqualTo(Duration.ofMillis(50_000));
    // and once it went, five are counted: the minute is full
    clock.advance(Duration.ofMillis(50_000));
    send(1, wecom, 5);
    assertThat(throttle.waitBefore(1, wecom, 1)).isPositive();
  }

  @Test
  void moreRequestsThanALimitAllowsWaitOnlyForItsWindow() {
    List<RateLimit> telegram = List.of(RateLimit.perSecond(1));
    send(3, telegram, 1);
    assertThat(throttle.waitBefore(3, telegram, 5)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyLimitMustAllowIt() {
    List<RateLimit> feishu = List.of(RateLimit.perSecond(5), RateLimit.perMinute(100));
    int sent = 0;
    for (int second = 0; second < 30; second++) {
      for (int i = 0; i < 10; i++) {
        if (throttle.waitBefore(2, feishu).isZero()) {
          send(2, feishu, 1);
          sent++;
        }
      }
      clock.advance(Duration.ofSeconds(1));
    }
    // five a second for twenty seconds, then the minute's hundred is used up
    assertThat(sent).isEqualTo(100);
  }

  @Test
  void targetsAreCountedApart() {
    List<RateLimit> one = List.of(RateLimit.perMinute(1));
    send(1, one, 1);
    assertThat(throttle.waitBefore(1, one)).isPositive();
    assertThat(throttle.waitBefore(2, one)).isZero();
  }

  @Test
  void aPlatformsRequestForQuietHoldsEvenATargetWithoutLimits() {
    throttle.quiet(4, Duration.ofSeconds(7));
    assertThat(throttle.waitBefore(4, List.of())).isEqualTo(Duration.ofSeconds(7));
    clock.advance(Duration.ofSeconds(7));
    assertThat(throttle.waitBefore(4, List.of())).isZero();
  }

  @Test
  void noLimitsNeverWait() {
    for (int i = 0; i < 1000; i++) {
      send(3, List.of(), 1);
    }
    assertThat(throttle.waitBefore(3, List.of())).isZero();
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** An attempt as the deliverer makes it: reserved before, counted when answered. */
  private void send(long target, List<RateLimit> limits, int requests) {
    throttle.sent(
        target, limits, requests, throttle.reserve(target, limits, requests, Duration.ZERO));
  }
}
