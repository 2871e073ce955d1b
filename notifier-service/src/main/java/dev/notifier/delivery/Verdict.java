package dev.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What became of one task that went through the {@link DeliveryPipeline}, decided there and already
 * recorded (delivery log, metrics). The caller only routes it: the deliveries listener to Kafka
 * (commit, retry topics, DLT), the held digests to the held store.
 */
sealed interface Verdict {

  /** Sent; {@code recorded} completes when its row is written. */
  record Delivered(CompletableFuture<Void> recorded) implements Verdict {}

  /** Rightly not sent: counted, and logged unless it was already delivered. */
  record Skipped(SkipReason reason) implements Verdict {}

  /**
   * To wait in the held store and go out later in a digest: over the quota or behind deliveries
   * held before ({@code until} null), or inside a mute window until {@code until}.
   */
  record Held(HoldReason reason, String channel, @Nullable Instant until) implements Verdict {}

  /**
   * Failed for now, to be tried again: after {@code after} when the held store keeps it, on the
   * retry topics' schedule when it came from the topic ({@code after} null).
   */
  record RetryLater(DeliveryFailedException why, @Nullable Duration after) implements Verdict {}

  /** Failed for good, or out of retries: dead-lettered with {@code why}. */
  record DeadLetter(DeliveryFailedException why) implements Verdict {}
}
