package dev.notifier.binding;

import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The single settings row. {@code costAlertLevels}: the levels above the threshold (fractions of
 * the quota; 0.9 and 1.0 unless configured). {@code leaderboardRolling}: the leaderboard covers the
 * 24 hours before it fires instead of the previous calendar day.
 */
public record Settings(
    boolean enabled,
    Set<NotificationType> enabledTypes,
    BigDecimal costAlertThreshold,
    List<BigDecimal> costAlertLevels,
    int costCheckIntervalMinutes,
    String timeZone,
    String locale,
    String leaderboardTime,
    int leaderboardTopN,
    boolean leaderboardRolling,
    int usageReportTopKeys,
    int usageReportTrendDays,
    CacheHitSettings cacheHit,
    boolean legacyMode) {

  /**
   * Whether a notification of this type may be sent at all: the global switch and the type's own.
   */
  public boolean allows(NotificationType type) {
    return enabled && enabledTypes.contains(type);
  }

  public Presentation presentation() {
    return Presentation.of(locale, timeZone);
  }
}
