package dev.notifier.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationContext;

/** Reads the notifier's own counters from a running instance. */
public final class Meters {

  private Meters() {}

  /** The sum of every series of {@code name} carrying these tags (key, value, key, value, ...). */
  public static double count(ApplicationContext instance, String name, String... tags) {
    return instance.getBean(MeterRegistry.class).find(name).tags(tags).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
