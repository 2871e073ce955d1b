package dev.notifier.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param token a bearer token for reading and changing everything ({@code NOTIFIER_ADMIN_TOKEN})
 * @param tokens more such tokens, so a new one can be handed out before the old one is withdrawn
 *     ({@code NOTIFIER_ADMIN_TOKENS}, comma-separated)
 * @param readTokens tokens that may read but not change: a write with one is refused with 403
 * @param maxBody the largest request body the API reads; a larger one is refused with 413
 */
@ConfigurationProperties("notifier.admin")
record AdminProperties(
    @Nullable String token,
    @DefaultValue List<String> tokens,
    @DefaultValue List<String> readTokens,
    @DefaultValue("256KB") DataSize maxBody) {

  /** Without a token of either kind the API refuses everything: never open by accident. */
  boolean enabled() {
    return !writeTokens().isEmpty() || !nonBlank(readTokens).isEmpty();
  }

  List<String> writeTokens() {
    List<String> all = new ArrayList<>(nonBlank(tokens));
    if (token != null && !token.isBlank()) {
      all.addFirst(token.trim());
    }
    return all;
  }

  List<String> readOnlyTokens() {
    return nonBlank(readTokens);
  }

  private static List<String> nonBlank(List<String> list) {
    return list.stream()
        .flatMap(t -> Stream.ofNullable(t))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .toList();
  }
}
