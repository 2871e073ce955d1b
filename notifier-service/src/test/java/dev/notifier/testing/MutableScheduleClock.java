package dev.notifier.testing;

import dev.notifier.schedule.ScheduleClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler's clock, set by the test: instances started with {@link #installer()} all read it,
 * so a test moves them across a fire time together, while the rest of each service keeps real time.
 */
public final class MutableScheduleClock implements ScheduleClock {

  private final AtomicReference<Instant> now;

  public MutableScheduleClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  public void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  /** Registers this clock in a service before it starts, in place of the system's. */
  public ApplicationContextInitializer<ConfigurableApplicationContext> installer() {
    return context -> context.getBeanFactory().registerSingleton("testScheduleClock", this);
  }
}
