package dev.notifier.dedupe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param breakerWindow at most one breaker alert per provider (or endpoint) and state within this
 *     window
 * @param breakerFlapGrace an opened alert waits this long; a close within it cancels the alert and
 *     sends no recovery either (0 sends at once)
 */
@ConfigurationProperties("notifier.dedupe")
public record DedupeProperties(
    @DefaultValue("5m") Duration breakerWindow, @DefaultValue("0s") Duration breakerFlapGrace) {}
