package dev.notifier.delivery;

import dev.notifier.channel.ChannelProperties;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.Redaction;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.message.Message;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One delivery with in-process retries: exponential backoff on retryable outcomes only, stretched
 * to a platform's Retry-After when it asks for longer. Permanent outcomes return at once.
 */
@Component
class Deliverer {

  /** What came of it: the last outcome, how many attempts it took, and each attempt. */
  record Result(SendOutcome outcome, int attempts, Duration elapsed, List<Attempt> tries) {}

  /**
   * One attempt as the deliveries history shows it: when, how long, and what the platform said (the
   * detail is redacted by the sender).
   */
  record Attempt(
      Instant at,
      long latencyMs,
      DeliveryStatus outcome,
      @Nullable FailureReason reason,
      @Nullable String detail) {

    @Nullable String reasonLabel() {
      return reason == null ? null : reason.label();
    }

    static Attempt of(Instant at, long latencyMs, SendOutcome o) {
      return o instanceof Failed f
          ? new Attempt(at, latencyMs, DeliveryStatus.FAILED, f.reason(), f.detail())
          : new Attempt(at, latencyMs, DeliveryStatus.DELIVERED, null, null);
    }
  }

  private final RetryConfig config;
  // a test send: one attempt, so the operator sees the platform's first answer at once
  private final RetryConfig once;
  private final DeliveryMetrics metrics;
  private final Throttle throttle;
  private final Duration maxWait;
  private final Duration perRequest;
  private final Clock clock;

  Deliverer(
      DeliveryProperties properties,
      ChannelProperties channels,
      DeliveryMetrics metrics,
      Throttle throttle,
      Clock clock) {
    this.clock = clock;
    // the longest one request can take before its answer, or its timeout, comes
    this.perRequest = channels.connectTimeout().plus(channels.requestTimeout());
    this.metrics = metrics;
    this.throttle = throttle;
    this.maxWait = properties.retry().maxRetryAfter();
    DeliveryProperties.Retry retry = properties.retry();
    IntervalBiFunction<SendOutcome> backoff =
        (attempt, either) -> {
          long exponential =
              (long)
                  (retry.initialInterval().toMillis() * Math.pow(retry.multiplier(), attempt - 1));
          long asked =
              either.isRight() && either.get() instanceof Failed f && f.retryAfter() != null
                  ? Math.min(f.retryAfter().toMillis(), retry.maxRetryAfter().toMillis())
                  : 0;
          return Math.max(exponential, asked);
        };
    this.config =
        RetryConfig.<SendOutcome>custom()
            .maxAttempts(retry.attempts())
            // A platform that asks for a longer wait than a lane may spend is not retried here: its
            // quiet is in the throttle, and the delivery goes on from the retry topics or the held
            // store instead of sleeping in the lane while the target's other deliveries queue.
            .retryOnResult(
                o ->
                    o instanceof Failed f
                        && f.disposition() == SendOutcome.Disposition.RETRYABLE
                        && (f.retryAfter() == null || f.retryAfter().compareTo(maxWait) <= 0))
            // Senders classify instead of throwing; anything thrown is a bug and must not be
            // retried blindly.
            .retryOnException(e -> false)
            .intervalBiFunction(backoff)
            .failAfterMaxAttempts(false)
            .build();
    this.once = RetryConfig.from(config).maxAttempts(1).build();
  }

  /**
   * Sends with retries, every attempt counted against the target's {@code limits}. The caller makes
   * the first attempt only when the limits allow it; a retry waits for them, or, when that would
   * take longer than a Retry-After is honoured, gives up to the retry topics.
   */
  Result deliver(
      ChannelSender sender, Destination destination, Message message, List<RateLimit> limits) {
    return deliver(sender, destination, message, limits, config);
  }

  /** One attempt (and the "too large" shrinking), as a test send makes it. */
  Result deliverOnce(ChannelSender sender, Destination destination, Message message) {
    return deliver(sender, destination, message, List.of(), once);
  }

  private Result deliver(
      ChannelSender sender,
      Destination destination,
      Message message,
      List<RateLimit> limits,
      RetryConfig retries) {
    long start = System.nanoTime();
    AtomicInteger attempts = new AtomicInteger();
    List<Attempt> tries = new ArrayList<>();
    SendOutcome outcome =
        withRetries(sender, destination, message, limits, attempts, tries, retries);
    // "Too large" is never resent as is: smaller, or not at all.
    Message current = message;
    for (int shrinks = 0; shrinks < MAX_SHRINKS && tooLarge(outcome); shrinks++) {
      Message smaller = Shrink.toHalf(current);
      if (smaller.equals(current)) {
        break;
      }
      current = smaller;
      outcome = withRetries(sender, destination, current, limits, attempts, tries, retries);
    }
    return new Result(
        outcome, attempts.get(), Duration.ofNanos(System.nanoTime() - start), List.copyOf(tries));
  }

  /** Halving twice brings a message to a quarter: beyond that the limit is not the problem. */
  private static final int MAX_SHRINKS = 2;

  private static boolean tooLarge(SendOutcome outcome) {
    return outcome instanceof Failed f && f.reason() == FailureReason.TOO_LARGE;
  }

  private SendOutcome withRetries(
      ChannelSender sender,
      Destination destination,
      Message message,
      List<RateLimit> limits,
      AtomicInteger attempts,
      List<Attempt> tries,
      RetryConfig retries) {
    Retry retry = Retry.of(sender.channel(), retries);
    AtomicReference<SendOutcome> previous = new AtomicReference<>();
    return retry.executeSupplier(
        () -> {
          if (previous.get() instanceof Failed f) {
            metrics.retry(sender.channel(), f.reason());
          }
          attempts.incrementAndGet();
          int requests = sender.requests(message);
          Duration wait = throttle.waitBefore(destination.id(), limits, requests);
          if (wait.compareTo(maxWait) > 0) {
            return Failed.retryable(
                FailureReason.RATE_LIMITED,
                "the target's rate limit allows no attempt for " + wait.toSeconds() + " s");
          }
          sleep(wait);
          Instant reserved =
              throttle.reserve(
                  destination.id(), limits, requests, perRequest.multipliedBy(requests));
          Instant at = clock.instant();
          long began = System.nanoTime();
          SendOutcome o = attempt(sender, destination, message);
          tries.add(Attempt.of(at, (System.nanoTime() - began) / 1_000_000, o));
          throttle.sent(destination.id(), limits, requests, reserved);
          metrics.attempt(sender.channel(), o);
          // Whatever the platform says about its own bucket outranks our idea of its quota.
          if (o instanceof SendOutcome.Delivered d && d.quietFor() != null) {
            throttle.quiet(destination.id(), d.quietFor());
          } else if (o instanceof Failed f
              && f.reason() == FailureReason.RATE_LIMITED
              && f.retryAfter() != null) {
            throttle.quiet(destination.id(), f.retryAfter());
          }
          previous.set(o);
          return o;
        });
  }

  /**
   * One attempt. A sender classifies what the platform says; what it throws instead is classified
   * here, so that every failure has one of the closed set of reasons: settings it cannot use (a
   * secret that is not base64, a URL it cannot parse) are the target's fault, anything else a bug.
   * Neither is retried.
   */
  private static SendOutcome attempt(
      ChannelSender sender, Destination destination, Message message) {
    try {
      return sender.send(destination, message);
    } catch (IllegalArgumentException e) {
      return Failed.permanent(
          FailureReason.BAD_CONFIG,
          Redaction.scrub(String.valueOf(e.getMessage()), destination.secrets()));
    } catch (RuntimeException e) {
      return Failed.permanent(
          FailureReason.INTERNAL_ERROR,
          Redaction.scrub(
              e.getClass().getSimpleName() + ": " + e.getMessage(), destination.secrets()));
    }
  }

  private static void sleep(Duration wait) {
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
