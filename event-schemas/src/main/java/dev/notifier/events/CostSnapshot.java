package dev.notifier.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The spend of one user, key or provider within one quota window, against that window's limit. */
public record CostSnapshot(
    TargetType targetType,
    long targetId,
    String targetName,
    Window window,
    Instant periodStart,
    @Nullable Instant periodEnd,
    BigDecimal currentCost,
    BigDecimal quotaLimit,
    String currency)
    implements EventData {

  /** Who the spend belongs to. */
  public enum TargetType {
    @JsonProperty("user")
    USER,
    @JsonProperty("key")
    KEY,
    @JsonProperty("provider")
    PROVIDER
  }

  /** The quota window the spend is counted in. */
  public enum Window {
    @JsonProperty("5h")
    FIVE_HOURS,
    @JsonProperty("daily")
    DAILY,
    @JsonProperty("weekly")
    WEEKLY,
    @JsonProperty("monthly")
    MONTHLY,
    @JsonProperty("total")
    TOTAL
  }
}
