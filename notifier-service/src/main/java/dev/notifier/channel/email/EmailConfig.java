package dev.notifier.channel.email;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.channel.ChannelConfig;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A mail target's own settings: {@code from}, {@code to} and {@code cc} (each a list, or one text
 * of comma-separated addresses), {@code username} (authenticate when set) and {@code security}.
 * Whether the addresses parse is {@link SmtpTarget}'s to say, on save and on send alike.
 */
record EmailConfig(
    @Nullable String from,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> to,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> cc,
    @Nullable String username,
    @Nullable Security security)
    implements ChannelConfig {

  /** How the connection is secured; {@code none} only for a local relay, and only if chosen. */
  enum Security {
    @JsonProperty("starttls")
    STARTTLS,
    @JsonProperty("tls")
    TLS,
    @JsonProperty("none")
    NONE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
