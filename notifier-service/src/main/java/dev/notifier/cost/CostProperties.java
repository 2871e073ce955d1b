package dev.notifier.cost;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkTick how often an instance asks whether the periodic check is due
 * @param checkInterval overrides the settings' {@code cost_check_interval_minutes} (tests)
 */
@ConfigurationProperties("notifier.cost")
record CostProperties(@DefaultValue("1m") Duration checkTick, @Nullable Duration checkInterval) {}
