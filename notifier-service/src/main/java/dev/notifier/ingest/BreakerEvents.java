package dev.notifier.ingest;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.dedupe.BreakerOpenings;
import dev.notifier.dedupe.BreakerSuppression;
import dev.notifier.delivery.FanOut;
import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.BreakerSource;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.message.BreakerMessages;
import dev.notifier.message.Message;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Breaker opened / closed: at most one alert per provider (or endpoint) and state per window, to
 * every binding. A recovery notice only follows an opened alert that went out, and says how long
 * the provider was down (from the event, else from when the alert went out).
 */
@Component
class BreakerEvents {

  private final Bindings bindings;
  private final BreakerSuppression suppression;
  private final FanOut fanOut;
  private final BreakerOpenings openings;

  BreakerEvents(
      Bindings bindings, BreakerSuppression suppression, FanOut fanOut, BreakerOpenings openings) {
    this.bindings = bindings;
    this.suppression = suppression;
    this.fanOut = fanOut;
    this.openings = openings;
  }

  CompletableFuture<Outcome> opened(ValidatedEvent event) {
    BreakerOpened data = event.dataAs(BreakerOpened.class);
    String breaker = breaker(data.providerId(), data.source(), data.endpointId());
    return alert(
            event,
            "breaker.opened:" + breaker,
            () -> BreakerMessages.opened(data, event.time(), bindings.settings().presentation()))
        .thenApply(
            outcome -> {
              if (outcome == Outcome.ACCEPTED) {
                openings.opened(breaker, event.time(), event.id());
              }
              return outcome;
            });
  }

  CompletableFuture<Outcome> closed(ValidatedEvent event) {
    BreakerClosed data = event.dataAs(BreakerClosed.class);
    String breaker = breaker(data.providerId(), data.source(), data.endpointId());
    Optional<Instant> reported = openings.reportedSince(breaker);
    if (reported.isEmpty()) {
      // Nobody was told it opened (notifications were off, nobody was bound, or it never did).
      return Outcome.FILTERED.now();
    }
    BreakerClosed told =
        data.openedAt() != null
            ? data
            : new BreakerClosed(
                data.providerId(),
                data.providerName(),
                data.source(),
                data.endpointId(),
                data.endpointUrl(),
                reported.get());
    return alert(
            event,
            "breaker.closed:" + breaker,
            () -> BreakerMessages.closed(told, event.time(), bindings.settings().presentation()))
        .thenApply(
            outcome -> {
              if (outcome == Outcome.ACCEPTED) {
                openings.recovered(breaker);
              }
              return outcome;
            });
  }

  private CompletableFuture<Outcome> alert(
      ValidatedEvent event, String dedupeKey, Supplier<Message> message) {
    List<Target> recipients = bindings.recipients(NotificationType.CIRCUIT_BREAKER);
    // With nobody listening the window is not consumed: enabling a binding later must not be met by
    // silence.
    if (recipients.isEmpty()) {
      return Outcome.FILTERED.now();
    }
    if (!suppression.claim(dedupeKey, event.id())) {
      return Outcome.SUPPRESSED.now();
    }
    Notification notification =
        new Notification(event.id(), NotificationType.CIRCUIT_BREAKER, event.time(), message.get());
    return fanOut.publish(notification, recipients).thenApply(published -> Outcome.ACCEPTED);
  }

  /** A provider, or one endpoint of it when an endpoint tripped: one window each, per state. */
  private static String breaker(long providerId, BreakerSource source, @Nullable Long endpointId) {
    String base = "provider:" + providerId;
    return source == BreakerSource.ENDPOINT && endpointId != null
        ? base + ":endpoint:" + endpointId
        : base;
  }
}
