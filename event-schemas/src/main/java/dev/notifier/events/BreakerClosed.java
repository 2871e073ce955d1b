package dev.notifier.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A circuit breaker closed again: the provider (or endpoint) takes traffic. */
public record BreakerClosed(
    long providerId,
    String providerName,
    BreakerSource source,
    @Nullable Long endpointId,
    @Nullable String endpointUrl,
    @Nullable Instant openedAt)
    implements EventData {}
