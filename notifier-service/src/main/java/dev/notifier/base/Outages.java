package dev.notifier.base;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Waits out an outage of the database or the broker where a delivery meets it, instead of failing
 * the delivery: the lane (and the Kafka record behind it) simply waits, and goes on where it
 * stopped when the outage ends. A failed record would be handed to the container's error handling,
 * which seeks back and re-sends work already done; a platform that was answered must not be asked
 * twice because the database blinked. Only an interrupt (shutdown) ends the wait, with the last
 * error, leaving the record uncommitted for the next owner.
 *
 * <p>One per application context: whether an outage is ongoing is this service's view of its own
 * database and broker, not the JVM's (two services in one JVM, as in tests, see their own).
 */
@Component
public final class Outages {

  private static final Logger log = LoggerFactory.getLogger(Outages.class);
  private static final long FIRST_WAIT_MS = 200;
  private static final long LONGEST_WAIT_MS = 5_000;

  private final AtomicInteger waiting = new AtomicInteger();
  private volatile long lastEndNanos = System.nanoTime();

  public void waitOut(String what, Runnable call) {
    waitOut(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  /** Whether a call is waiting out an outage right now. */
  public boolean ongoing() {
    return waiting.get() > 0;
  }

  /** When the last wait for an outage ended (System.nanoTime()). */
  public long lastEndNanos() {
    return lastEndNanos;
  }

  public <T> T waitOut(String what, Supplier<T> call) {
    long wait = FIRST_WAIT_MS;
    boolean told = false;
    try {
      while (true) {
        try {
          T result = call.get();
          if (told) {
            log.info("{}: works again", what);
          }
          return result;
        } catch (RuntimeException e) {
          if (!Faults.isTransient(e)) {
            throw e;
          }
          if (!told) {
            log.warn("{}: waiting for the database or broker to come back: {}", what, e.toString());
            told = true;
            waiting.incrementAndGet();
          }
          try {
            Thread.sleep(wait);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
          wait = Math.min(LONGEST_WAIT_MS, wait * 2);
        }
      }
    } finally {
      if (told) {
        waiting.decrementAndGet();
        lastEndNanos = System.nanoTime();
      }
    }
  }
}
