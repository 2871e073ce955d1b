package dev.notifier.ingest;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Target;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Breaker opened / closed: at most one alert per provider (or endpoint) and state per window, to
 * every binding.
 */
@Component
class BreakerEvents {

  private final Bindings bindings;
  private final BreakerSuppression suppression;
  private final FanOut fanOut;

  BreakerEvents(Bindings bindings, BreakerSuppression suppression, FanOut fanOut) {
    this.bindings = bindings;
    this.suppression = suppression;
    this.fanOut = fanOut;
  }

  CompletableFuture<Outcome> opened(ValidatedEvent event) {
    BreakerOpened data = event.dataAs(BreakerOpened.class);
    return alert(
        event,
        key("opened", data.providerId(), data.source(), data.endpointId()),
        () -> BreakerMessages.opened(data, event.time(), bindings.settings().presentation()));
  }

  CompletableFuture<Outcome> closed(ValidatedEvent event) {
    BreakerClosed data = event.dataAs(BreakerClosed.class);
    return alert(
        event,
        key("closed", data.providerId(), data.source(), data.endpointId()),
        () -> BreakerMessages.closed(data, event.time(), bindings.settings().presentation()));
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

  /** One window per provider, or per endpoint when an endpoint tripped, and per state. */
  private static String key(
      String state, long providerId, BreakerSource source, @Nullable Long endpointId) {
    String base = "breaker." + state + ":provider:" + providerId;
    return source == BreakerSource.ENDPOINT && endpointId != null
        ? base + ":endpoint:" + endpointId
        : base;
  }
}
