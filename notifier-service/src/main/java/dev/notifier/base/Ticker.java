package dev.notifier.base;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task at a fixed delay on a daemon thread of its own. A failure is logged once per run of
 * failures (not every tick during an outage) and said over when a tick works again; the task is
 * tried again at the next tick either way. Declared as a bean, it starts and stops with the
 * application.
 */
public final class Ticker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Ticker.class);

  private final String what;
  private final Duration period;
  private final Runnable task;
  private volatile @Nullable ScheduledExecutorService executor;
  // only the ticker's thread reads and writes it
  private boolean failing;

  /** {@code what} names the work in the thread and the log ("held digests"). */
  public Ticker(String what, Duration period, Runnable task) {
    this.what = what;
    this.period = period;
    this.task = task;
  }

  @Override
  public void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, what.replace(' ', '-'));
              t.setDaemon(true);
              return t;
            });
    long millis = period.toMillis();
    started.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    executor = started;
  }

  private void tick() {
    try {
      task.run();
      if (failing) {
        failing = false;
        log.info("{}: works again", what);
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("{} failed; trying again every {} ms: {}", what, period.toMillis(), e.toString());
      }
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdown();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
