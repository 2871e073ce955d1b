package dev.notifier.ingest;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
import dev.notifier.dedupe.BreakerFlaps;
import dev.notifier.dedupe.BreakerOpenings;
import dev.notifier.dedupe.BreakerSuppression;
import dev.notifier.dedupe.DedupeProperties;
import dev.notifier.delivery.FanOut;
import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.BreakerSource;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.message.BreakerMessages;
import dev.notifier.message.Message;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.ops.EventOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaker opened / closed: at most one alert per provider (or endpoint) and state per window, to
 * every binding. A recovery notice only follows an opened alert that went out, and says how long
 * the provider was down (from the event, else from when the alert went out). With a flap grace, an
 * opened alert waits it out first: closed within it, neither is sent.
 */
@Component
class BreakerEvents {

  private final Bindings bindings;
  private final BreakerSuppression suppression;
  private final FanOut fanOut;
  private final BreakerOpenings openings;
  private final BreakerFlaps flaps;
  private final Duration grace;
  private final JsonMapper json;
  private final Clock clock;

  BreakerEvents(
      Bindings bindings,
      BreakerSuppression suppression,
      FanOut fanOut,
      BreakerOpenings openings,
      BreakerFlaps flaps,
      DedupeProperties properties,
      JsonMapper json,
      Clock clock) {
    this.bindings = bindings;
    this.suppression = suppression;
    this.fanOut = fanOut;
    this.openings = openings;
    this.flaps = flaps;
    this.grace = properties.breakerFlapGrace();
    this.json = json;
    this.clock = clock;
  }

  CompletableFuture<EventOutcome> opened(ValidatedEvent event) {
    BreakerOpened data = event.dataAs(BreakerOpened.class);
    if (grace.isZero() || grace.isNegative()) {
      return sendOpened(data, event.time(), event.id());
    }
    if (bindings.recipients(NotificationType.CIRCUIT_BREAKER).isEmpty()) {
      return EventOutcome.FILTERED.now();
    }
    String breaker = breaker(data.providerId(), data.source(), data.endpointId());
    flaps.hold(
        new BreakerFlaps.Pending(breaker, event.id(), event.time(), json.writeValueAsString(data)),
        clock.instant().plus(grace));
    return EventOutcome.ACCEPTED.now();
  }

  /** An opened alert that waited out the flap grace, sent now (or dropped, if nobody listens). */
  void sendWaited(BreakerFlaps.Pending pending) {
    BreakerOpened data = json.readValue(pending.data(), BreakerOpened.class);
    sendOpened(data, pending.openedAt(), pending.eventId()).join();
  }

  private CompletableFuture<EventOutcome> sendOpened(
      BreakerOpened data, Instant at, String eventId) {
    String breaker = breaker(data.providerId(), data.source(), data.endpointId());
    // Recorded with the claim, before it is published: a close read right behind it (the listener
    // does not wait for the publish) must find it.
    return alert(
        eventId,
        at,
        "breaker.opened:" + breaker,
        new BreakerSuppression.Opening(breaker, at),
        p -> BreakerMessages.opened(data, at, p));
  }

  CompletableFuture<EventOutcome> closed(ValidatedEvent event) {
    BreakerClosed data = event.dataAs(BreakerClosed.class);
    String breaker = breaker(data.providerId(), data.source(), data.endpointId());
    if (flaps.cancel(breaker)) {
      // Opened and closed within the flap grace: a blip nobody needs to hear about, either way.
      return EventOutcome.FILTERED.now();
    }
    Optional<Instant> reported = openings.reportedSince(breaker);
    if (reported.isEmpty()) {
      // Nobody was told it opened (notifications were off, nobody was bound, or it never did).
      return EventOutcome.FILTERED.now();
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
            event.id(),
            event.time(),
            "breaker.closed:" + breaker,
            null,
            p -> BreakerMessages.closed(told, event.time(), p))
        .thenApply(
            outcome -> {
              if (outcome == EventOutcome.ACCEPTED) {
                openings.recovered(breaker);
              }
              return outcome;
            });
  }

  private CompletableFuture<EventOutcome> alert(
      String eventId,
      Instant at,
      String dedupeKey,
      BreakerSuppression.@Nullable Opening opening,
      Function<Presentation, Message> message) {
    List<Target> recipients = bindings.recipients(NotificationType.CIRCUIT_BREAKER);
    // With nobody listening the window is not consumed: enabling a binding later must not be met by
    // silence.
    if (recipients.isEmpty()) {
      return EventOutcome.FILTERED.now();
    }
    if (!suppression.claim(dedupeKey, eventId, opening)) {
      return EventOutcome.SUPPRESSED.now();
    }
    Notification notification =
        Notification.rendered(
            eventId,
            NotificationType.CIRCUIT_BREAKER,
            at,
            bindings.settings().presentation(),
            message);
    return fanOut.publish(notification, recipients).thenApply(published -> EventOutcome.ACCEPTED);
  }

  /** A provider, or one endpoint of it when an endpoint tripped: one window each, per state. */
  private static String breaker(long providerId, BreakerSource source, @Nullable Long endpointId) {
    String base = "provider:" + providerId;
    return source == BreakerSource.ENDPOINT && endpointId != null
        ? base + ":endpoint:" + endpointId
        : base;
  }
}
