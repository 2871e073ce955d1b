package dev.notifier.events;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One proxied request: who made it, through which provider and model, and what it cost; and, when
 * the proxy knows it, the session (conversation) it belongs to and its position there.
 */
public record UsageRecorded(
    String requestId,
    long userId,
    String userName,
    @Nullable Long keyId,
    @Nullable String keyName,
    long providerId,
    String providerName,
    String model,
    long inputTokens,
    long outputTokens,
    long cacheCreationTokens,
    long cacheReadTokens,
    BigDecimal cost,
    long durationMs,
    int httpStatus,
    Instant time,
    @Nullable String sessionId,
    @Nullable Integer sessionSeq)
    implements EventData {}
