package dev.notifier.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker went OPEN: requests to the provider (or endpoint) are refused until {@code
 * retryAt}.
 */
public record BreakerOpened(
    long providerId,
    String providerName,
    int failureCount,
    Instant retryAt,
    @Nullable String lastError,
    BreakerSource source,
    @Nullable Long endpointId,
    @Nullable String endpointUrl)
    implements EventData {}
