package dev.notifier.routing;

import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a notification is about, as the filters see it, read from its message's variables: a breaker
 * alert is about one provider; a cost alert about one user, key or provider in one window; a
 * cache-hit alert about each of its provider × model rows; the scheduled summaries about no one in
 * particular. Each subject names its dimensions by id and by name, lower-cased.
 */
record Subjects(List<Map<Dimension, Set<String>>> each) {

  /** A dimension a filter can name. */
  enum Dimension {
    PROVIDER("providers"),
    KEY("keys"),
    USER("users"),
    MODEL("models"),
    WINDOW("windows");

    final String field;

    Dimension(String field) {
      this.field = field;
    }

    /** Dimensions that say who a subject is; a filter naming several passes any of them. */
    boolean identifies() {
      return this == PROVIDER || this == KEY || this == USER;
    }
  }

  /** The dimensions a type's notifications carry: a filter naming another can never pass. */
  static Set<Dimension> carried(NotificationType type) {
    return switch (type) {
      case CIRCUIT_BREAKER -> Set.of(Dimension.PROVIDER);
      case COST_ALERT ->
          Set.of(Dimension.PROVIDER, Dimension.KEY, Dimension.USER, Dimension.WINDOW);
      case CACHE_HIT_ALERT -> Set.of(Dimension.PROVIDER, Dimension.MODEL);
      case DAILY_LEADERBOARD, USAGE_REPORT -> Set.of();
    };
  }

  static Subjects of(NotificationType type, Message message) {
    Map<String, Object> v = message.variables();
    return switch (type) {
      case CIRCUIT_BREAKER ->
          new Subjects(
              List.of(
                  Map.of(Dimension.PROVIDER, names(v.get("provider_id"), v.get("provider_name")))));
      case COST_ALERT -> cost(v);
      case CACHE_HIT_ALERT -> cacheHit(v);
      case DAILY_LEADERBOARD, USAGE_REPORT -> new Subjects(List.of(Map.of()));
    };
  }

  private static Subjects cost(Map<String, Object> v) {
    Dimension who =
        switch (String.valueOf(v.get("target_type"))) {
          case "key" -> Dimension.KEY;
          case "user" -> Dimension.USER;
          default -> Dimension.PROVIDER;
        };
    return new Subjects(
        List.of(
            Map.of(
                who,
                names(v.get("target_id"), v.get("target_name")),
                Dimension.WINDOW,
                names(v.get("window")))));
  }

  private static Subjects cacheHit(Map<String, Object> v) {
    List<Map<Dimension, Set<String>>> rows = new ArrayList<>();
    if (v.get("rows_json") instanceof List<?> list) {
      for (Object row : list) {
        if (row instanceof Map<?, ?> r) {
          rows.add(
              Map.of(
                  Dimension.PROVIDER,
                  names(r.get("providerId"), r.get("providerName")),
                  Dimension.MODEL,
                  names(r.get("model"))));
        }
      }
    }
    return new Subjects(rows);
  }

  private static Set<String> names(@Nullable Object... values) {
    Set<String> out = new java.util.HashSet<>();
    for (Object value : values) {
      if (value != null && !String.valueOf(value).isBlank()) {
        out.add(normal(String.valueOf(value)));
      }
    }
    return out;
  }

  static String normal(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
