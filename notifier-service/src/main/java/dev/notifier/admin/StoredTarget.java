package dev.notifier.admin;

import dev.notifier.binding.Target;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A target row with the result of its last check or test-send, if it ever had one. */
record StoredTarget(Target target, @Nullable LastTest lastTest) {

  /** When the platform was last asked, whether it accepted, and how long it took. */
  record LastTest(Instant at, boolean ok, int millis) {}
}
