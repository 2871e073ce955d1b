package dev.notifier.binding;

import dev.notifier.channel.ChannelConfigs;
import dev.notifier.channel.Channels;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A configured destination. {@code url} and {@code secret} are credentials: {@link #toString()}
 * never prints them.
 *
 * @param config channel-specific options (chat id, mentions, proxy, ...), as stored: one JSON
 *     object, bound to its channel's types by {@link #bind} once per configuration snapshot
 */
public record Target(
    long id,
    String name,
    String channel,
    @Nullable String url,
    @Nullable String secret,
    Map<String, Object> config,
    boolean enabled) {

  /** The target's settings bound as its channel's sender reads them. */
  public ChannelConfigs.Bound bind(Channels channels, ChannelConfigs.Reading reading) {
    return channels.bind(reading, channel, id, name, url, secret, config);
  }

  @Override
  public String toString() {
    return "Target[id="
        + id
        + ", name="
        + name
        + ", channel="
        + channel
        + ", enabled="
        + enabled
        + "]";
  }
}
