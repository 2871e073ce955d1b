package dev.notifier.cachehit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkTick how often an instance asks whether a check is due
 * @param checkInterval overrides the settings' {@code cache_hit_check_interval_minutes} (tests)
 */
@ConfigurationProperties("notifier.cache-hit")
record CacheHitProperties(
    @DefaultValue("30s") Duration checkTick, @Nullable Duration checkInterval) {}
