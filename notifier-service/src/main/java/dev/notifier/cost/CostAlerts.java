package dev.notifier.cost;

import dev.notifier.binding.Bindings;
import dev.notifier.binding.Settings;
import dev.notifier.binding.Target;
import dev.notifier.dedupe.CostAlertClaims;
import dev.notifier.delivery.FanOut;
import dev.notifier.events.CostSnapshot;
import dev.notifier.message.CostMessages;
import dev.notifier.message.Notification;
import dev.notifier.message.NotificationType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Decides whether a snapshot crosses a level not yet told for its target, window, period and quota,
 * and if so tells every bound target once. The snapshot events and the periodic check both come
 * here, so they can never both send one level.
 */
@Service
public class CostAlerts {

  /** What became of a snapshot. */
  public enum Verdict {
    /** A level was claimed and the alert published. */
    SENT,
    /** The level reached was told already. */
    ALREADY_TOLD,
    /** Below the first level, or nobody is to be told (switches, bindings). */
    FILTERED
  }

  private final Bindings bindings;
  private final CostAlertClaims claims;
  private final CostSnapshots snapshots;
  private final FanOut fanOut;

  CostAlerts(Bindings bindings, CostAlertClaims claims, CostSnapshots snapshots, FanOut fanOut) {
    this.bindings = bindings;
    this.claims = claims;
    this.snapshots = snapshots;
    this.fanOut = fanOut;
  }

  /**
   * A snapshot as it arrives: stored for the periodic check whatever the switches say, then judged.
   */
  public CompletableFuture<Verdict> arrived(CostSnapshot data, String eventId, Instant eventTime) {
    snapshots.save(data, eventId, eventTime);
    return judge(data, eventId, eventTime);
  }

  /** The highest level this snapshot reaches under the current settings, from 1; 0 for none. */
  int level(CostSnapshot data) {
    return CostMessages.level(CostMessages.ratio(data), levels(bindings.settings()));
  }

  private static List<BigDecimal> levels(Settings settings) {
    return CostMessages.levels(settings.costAlertThreshold(), settings.costAlertLevels());
  }

  /**
   * {@code claimId} owns the level it claims: the same id passing again (a redelivery) is let
   * through, and the notification id, derived from it, lets the delivery log skip what went out.
   */
  CompletableFuture<Verdict> judge(CostSnapshot data, String claimId, Instant at) {
    Settings settings = bindings.settings();
    List<Target> recipients = bindings.recipients(NotificationType.COST_ALERT);
    List<BigDecimal> levels = levels(settings);
    int level = level(data);
    if (recipients.isEmpty() || level == 0) {
      return CompletableFuture.completedFuture(Verdict.FILTERED);
    }
    String type = data.targetType().name().toLowerCase(Locale.ROOT);
    String window = data.window().name().toLowerCase(Locale.ROOT);
    if (!claims.claim(
        type, data.targetId(), window, data.periodStart(), data.quotaLimit(), level, claimId)) {
      return CompletableFuture.completedFuture(Verdict.ALREADY_TOLD);
    }
    BigDecimal crossed = levels.get(level - 1);
    Notification notification =
        Notification.rendered(
            claimId,
            NotificationType.COST_ALERT,
            at,
            settings.presentation(),
            p -> CostMessages.alert(data, at, p, crossed));
    return fanOut.publish(notification, recipients).thenApply(published -> Verdict.SENT);
  }
}
