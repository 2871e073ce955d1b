package dev.notifier.channel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where one message goes, as a sender sees it. The url and secret are credentials: never printed,
 * and every error text is scrubbed of them before it leaves a sender.
 */
public record Destination(
    long id,
    String name,
    @Nullable String url,
    @Nullable String secret,
    Map<String, Object> config) {

  /** Everything that must never appear in a log line, metric, exception or header. */
  public List<String> secrets() {
    return Stream.of(url, secret).filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
  }

  public String requireUrl() {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("target '" + name + "' has no URL");
    }
    return url;
  }

  @Override
  public String toString() {
    return "Destination[id=" + id + ", name=" + name + "]";
  }
}
