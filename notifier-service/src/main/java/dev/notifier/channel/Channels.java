package dev.notifier.channel;

import dev.notifier.channel.ChannelConfigs.Bound;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The senders by channel name, and a target's settings bound for its channel's sender. */
@Component
public class Channels {

  private final Map<String, ChannelSender> senders;

  public Channels(List<ChannelSender> senders) {
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
  }

  public Optional<ChannelSender> sender(String channel) {
    return Optional.ofNullable(senders.get(channel));
  }

  /** The channel names, sorted, for a message naming the ones there are. */
  public Set<String> names() {
    return new TreeSet<>(senders.keySet());
  }

  /** A target's settings bound for its channel's sender; an unknown channel is invalid. */
  public Bound bind(
      ChannelConfigs.Reading reading,
      String channel,
      long id,
      String name,
      @Nullable String url,
      @Nullable String secret,
      Map<String, Object> config) {
    ChannelSender sender = senders.get(channel);
    return sender == null
        ? unknown(channel)
        : ChannelConfigs.bind(reading, sender, id, name, url, secret, config);
  }

  private Bound unknown(String channel) {
    return new ChannelConfigs.Invalid(
        List.of(
            new ConfigProblem(
                "channel",
                (channel.isEmpty() ? "required; one of " : "unknown channel; one of ") + names())));
  }
}
