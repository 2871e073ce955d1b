package dev.notifier.schedule;

import java.time.Instant;

/**
 * What time the scheduler believes it is. The system clock in the service; tests move their own
 * across a fire time without touching the clock the rest of the service runs on.
 */
@FunctionalInterface
public interface ScheduleClock {

  Instant now();
}
