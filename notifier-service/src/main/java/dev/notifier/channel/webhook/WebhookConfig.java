package dev.notifier.channel.webhook;

import dev.notifier.channel.ChannelConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A custom receiver's own settings: a {@code template} (a JSON document, or text), {@code
 * templates} by notification type (which outrank it), and {@code headers} added to each request.
 * The templates are JSON by nature, so they stay JSON values; {@link WebhookSender#check} renders
 * each type's sample through them when the target is saved.
 */
record WebhookConfig(
    @Nullable Object template,
    @Nullable Map<String, Object> templates,
    @Nullable Map<String, String> headers)
    implements ChannelConfig {

  /** The headers to add, none when unset. */
  Map<String, String> extraHeaders() {
    return headers == null ? Map.of() : headers;
  }

  /**
   * The header values, which usually carry a receiver's token, with and without their scheme word
   * ("Bearer").
   */
  @Override
  public List<String> secrets() {
    return extraHeaders().values().stream()
        .flatMap(v -> Stream.of(v, v.substring(v.lastIndexOf(' ') + 1)))
        .toList();
  }

  /** A binding's template outranks both of the target's. */
  @Override
  public ChannelConfig withTemplate(Object template) {
    return new WebhookConfig(template, null, headers);
  }

  /** The template for a notification of {@code type}: its own, else the one, else none. */
  @Nullable Object templateFor(@Nullable Object type) {
    if (type != null && templates != null && templates.get(String.valueOf(type)) != null) {
      return templates.get(String.valueOf(type));
    }
    return template;
  }
}
