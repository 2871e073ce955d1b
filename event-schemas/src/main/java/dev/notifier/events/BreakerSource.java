package dev.notifier.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a whole provider or one of its endpoints tripped. */
public enum BreakerSource {
  @JsonProperty("provider")
  PROVIDER,
  @JsonProperty("endpoint")
  ENDPOINT
}
