package dev.notifier.admin;

import dev.notifier.binding.Target;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A target row with the result of its last check or test-send, if it ever had one. */
record StoredTarget(Target target, @Nullable LastTest lastTest) {

  /**
   * When the platform was last asked, whether it accepted, how long it took, and, when it did not,
   * why (the reason label and its answer, redacted by the sender).
   */
  record LastTest(
      Instant at, boolean ok, int millis, @Nullable String reason, @Nullable String detail) {

    LastTest(Instant at, boolean ok, int millis) {
      this(at, ok, millis, null, null);
    }
  }
}
