package dev.notifier.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectTimeout per connection attempt
 * @param requestTimeout per request, start to last byte: a hanging platform costs at most this much
 */
@ConfigurationProperties("notifier.channels")
public record ChannelProperties(
    @DefaultValue("3s") Duration connectTimeout, @DefaultValue("5s") Duration requestTimeout) {}
