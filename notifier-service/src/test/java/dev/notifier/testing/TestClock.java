package dev.notifier.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's one clock as a test sets it: real time moved by an offset, so windows, leases and
 * retries still pass at their real pace while the date is whatever the test chose. Every instance a
 * {@link TestWorld} starts reads its world's clock, so a test moves them all across a fire time or
 * a year's end together, and what they write to PostgreSQL carries the same date.
 */
public final class TestClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Real time, until a test sets it. */
  public TestClock() {}

  public TestClock(Instant start) {
    set(start);
  }

  /** From now on the clock reads {@code instant}, and goes on from there at real speed. */
  public void set(Instant instant) {
    offset.set(Duration.between(Instant.now(), instant));
  }

  public void advance(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    TestClock base = this;
    // a view in another zone that still follows every later set and advance
    return new Clock() {
      @Override
      public Instant instant() {
        return base.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return base.withZone(other);
      }
    };
  }

  /** Registers this clock in a service before it starts, in place of the system's. */
  public ApplicationContextInitializer<ConfigurableApplicationContext> installer() {
    return context -> context.getBeanFactory().registerSingleton("testClock", this);
  }
}
