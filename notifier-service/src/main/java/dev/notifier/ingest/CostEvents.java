package dev.notifier.ingest;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.dedupe.CostAlertClaims;
import dev.notifier.delivery.FanOut;
import dev.notifier.events.CostSnapshot;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.message.CostMessages;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** A cost snapshot over the configured share of its quota alerts once per level and period. */
@Component
class CostEvents {

  private final Bindings bindings;
  private final CostAlertClaims claims;
  private final FanOut fanOut;

  CostEvents(Bindings bindings, CostAlertClaims claims, FanOut fanOut) {
    this.bindings = bindings;
    this.claims = claims;
    this.fanOut = fanOut;
  }

  CompletableFuture<Outcome> snapshot(ValidatedEvent event) {
    CostSnapshot data = event.dataAs(CostSnapshot.class);
    Settings settings = bindings.settings();
    List<Target> recipients = bindings.recipients(NotificationType.COST_ALERT);
    int level = CostMessages.level(CostMessages.ratio(data), settings.costAlertThreshold());
    if (recipients.isEmpty() || level == 0) {
      return Outcome.FILTERED.now();
    }
    String type = data.targetType().name().toLowerCase(Locale.ROOT);
    String window = data.window().name().toLowerCase(Locale.ROOT);
    if (!claims.claim(type, data.targetId(), window, data.periodStart(), level, event.id())) {
      return Outcome.SUPPRESSED.now();
    }
    Notification notification =
        new Notification(
            event.id(),
            NotificationType.COST_ALERT,
            event.time(),
            CostMessages.alert(data, event.time(), settings.presentation()));
    return fanOut.publish(notification, recipients).thenApply(published -> Outcome.ACCEPTED);
  }
}
