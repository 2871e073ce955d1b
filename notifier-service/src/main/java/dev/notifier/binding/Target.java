package dev.notifier.binding;

import dev.notifier.channel.Destination;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A configured destination. {@code url} and {@code secret} are credentials: {@link #toString()}
 * never prints them.
 *
 * @param config channel-specific options (chat id, mentions, proxy, ...), as stored
 */
public record Target(
    long id,
    String name,
    String channel,
    @Nullable String url,
    @Nullable String secret,
    Map<String, Object> config,
    boolean enabled) {

  /** The target as a sender sees it. */
  public Destination destination() {
    return new Destination(id, name, url, secret, config);
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
