package dev.notifier.dedupe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param breakerWindow at most one breaker alert per provider (or endpoint) and state within this
 *     window
 */
@ConfigurationProperties("notifier.dedupe")
public record DedupeProperties(@DefaultValue("5m") Duration breakerWindow) {}
