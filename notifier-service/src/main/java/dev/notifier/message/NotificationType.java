package dev.notifier.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What operators bind targets to. The wire names are the ones stored in bindings and shown in the
 * API.
 */
public enum NotificationType {
  CIRCUIT_BREAKER("circuit_breaker"),
  COST_ALERT("cost_alert"),
  DAILY_LEADERBOARD("daily_leaderboard"),
  USAGE_REPORT("usage_report"),
  CACHE_HIT_ALERT("cache_hit_alert");

  private final String wireName;

  NotificationType(String wireName) {
    this.wireName = wireName;
  }

  /** In JSON (a delivery task, a dead letter's body) it is its wire name, as everywhere else. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Made on a schedule (a binding may carry its own cron and zone), not from an event. */
  public boolean scheduled() {
    return this == DAILY_LEADERBOARD || this == USAGE_REPORT;
  }

  public static Optional<NotificationType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** The type a wire name stands for; an unknown name is refused, naming it. */
  @JsonCreator
  public static NotificationType of(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown notification type: " + name));
  }
}
