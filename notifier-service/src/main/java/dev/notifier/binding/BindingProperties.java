package dev.notifier.binding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long an instance trusts its copy of settings, targets and bindings; a change
 *     made anywhere is seen by every instance within this time
 */
@ConfigurationProperties("notifier.bindings")
record BindingProperties(@DefaultValue("2s") Duration cacheTtl) {}
