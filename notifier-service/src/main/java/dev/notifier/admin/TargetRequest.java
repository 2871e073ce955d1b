package dev.notifier.admin;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.notifier.binding.Target;
import dev.notifier.channel.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A target as a client sends it. On create, left-out fields take their defaults; on update they
 * keep their stored values, so a client that only ever saw the masked URL and no secret can still
 * rename a target. An empty {@code secret} removes the stored one. A {@code config.headers} value
 * sent back as the mask keeps the stored value. Unknown fields are refused, so a misspelt {@code
 * secert} is an error, not a silently unsigned target.
 */
record TargetRequest(
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String name,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String channel,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String url,
    @JsonDeserialize(using = StrictJson.Text.class) @Nullable String secret,
    @Nullable Map<String, Object> config,
    @JsonDeserialize(using = StrictJson.Flag.class) @Nullable Boolean enabled,
    // Collected rather than failed on by the parser, so they are reported with the other problems.
    @JsonAnySetter @Nullable Map<String, Object> unknown) {

  List<ConfigProblem> unknownFields() {
    return unknown == null
        ? List.of()
        : unknown.keySet().stream().map(k -> new ConfigProblem(named(k), "unknown field")).toList();
  }

  /** An unknown field as a problem names it: an empty name said so, a long one shortened. */
  static String named(String key) {
    if (key.isBlank()) {
      return "\"" + key + "\" (an empty name)";
    }
    return key.length() <= 64 ? key : key.substring(0, 64) + "…";
  }

  Target toNew() {
    return new Target(
        0,
        trimmed(name),
        trimmed(channel),
        blankToNull(url),
        blankToNull(secret),
        config == null ? Map.of() : config,
        enabled == null || enabled);
  }

  Target mergeInto(Target stored) {
    return new Target(
        stored.id(),
        name == null ? stored.name() : name.trim(),
        channel == null ? stored.channel() : channel.trim(),
        url == null ? stored.url() : blankToNull(url),
        secret == null ? stored.secret() : blankToNull(secret),
        config == null ? stored.config() : TargetView.unmask(config, stored.config()),
        enabled == null ? stored.enabled() : enabled);
  }

  private static String trimmed(@Nullable String s) {
    return s == null ? "" : s.trim();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
