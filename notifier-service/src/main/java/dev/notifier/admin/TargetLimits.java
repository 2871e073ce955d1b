package dev.notifier.admin;

import dev.notifier.binding.Target;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.secrets.SecretCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a target may hold, whatever its channel: sizes that keep one target from filling the
 * database or a delivery's memory, and text PostgreSQL can store as sent (no NUL, no lone UTF-16
 * surrogate, which it would turn into {@code ?}). Each problem names the field, down to a key
 * inside {@code config}.
 */
final class TargetLimits {

  static final int MAX_URL = 2048;
  static final int MAX_SECRET = 1024;
  static final int MAX_CONFIG_BYTES = 32 * 1024;
  static final int MAX_TEMPLATE = 16 * 1024;
  static final int MAX_HEADERS = 32;
  static final int MAX_HEADER_NAME = 128;
  static final int MAX_HEADER_VALUE = 4096;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TargetLimits() {}

  static List<ConfigProblem> check(Target target) {
    List<ConfigProblem> problems = new ArrayList<>();
    text("name", target.name(), problems);
    length("url", target.url(), MAX_URL, problems);
    text("url", target.url(), problems);
    length("secret", target.secret(), MAX_SECRET, problems);
    text("secret", target.secret(), problems);
    Map<String, Object> config = target.config();
    walk("config", config, problems);
    if (JSON.writeValueAsBytes(config).length > MAX_CONFIG_BYTES) {
      problems.add(new ConfigProblem("config", "at most " + MAX_CONFIG_BYTES + " bytes as JSON"));
    }
    if (config.get("template") instanceof String template) {
      length("config.template", template, MAX_TEMPLATE, problems);
    }
    if (config.get("headers") instanceof Map<?, ?> headers) {
      if (headers.size() > MAX_HEADERS) {
        problems.add(new ConfigProblem("config.headers", "at most " + MAX_HEADERS + " headers"));
      }
      for (var h : headers.entrySet()) {
        String name = String.valueOf(h.getKey());
        if (name.length() > MAX_HEADER_NAME) {
          problems.add(
              new ConfigProblem(
                  "config.headers", "a header name is at most " + MAX_HEADER_NAME + " characters"));
        }
        length(
            "config.headers." + abbreviated(name),
            h.getValue() instanceof String v ? v : null,
            MAX_HEADER_VALUE,
            problems);
      }
    }
    return problems.stream().distinct().toList();
  }

  /** Every string in a settings tree, keys included, checked for what cannot be stored. */
  private static void walk(String path, @Nullable Object value, List<ConfigProblem> problems) {
    if (value == null) {
      return;
    }
    switch (value) {
      case Map<?, ?> map ->
          map.forEach(
              (k, v) -> {
                String key = String.valueOf(k);
                text(path, key, problems);
                walk(path + "." + abbreviated(key), v, problems);
              });
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          walk(path + "." + i, list.get(i), problems);
        }
      }
      case String s -> text(path, s, problems);
      default -> {}
    }
  }

  private static void length(
      String field, @Nullable String value, int max, List<ConfigProblem> problems) {
    if (value != null && value.length() > max) {
      problems.add(new ConfigProblem(field, "at most " + max + " characters"));
    }
  }

  private static void text(String field, @Nullable String value, List<ConfigProblem> problems) {
    if (value == null) {
      return;
    }
    if (SecretCipher.isSealed(value)) {
      // Stored as written without a key, it would read as a sealed value no key opens.
      problems.add(new ConfigProblem(field, "must not start with " + SecretCipher.PREFIX));
    } else if (value.indexOf('\0') >= 0) {
      problems.add(new ConfigProblem(field, "contains a NUL character"));
    } else if (hasLoneSurrogate(value)) {
      problems.add(new ConfigProblem(field, "contains an unpaired UTF-16 surrogate"));
    }
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** A key as part of a field name: short, so a huge key is not echoed back whole. */
  private static String abbreviated(String key) {
    return key.length() <= 64 ? key : key.substring(0, 64) + "…";
  }
}
