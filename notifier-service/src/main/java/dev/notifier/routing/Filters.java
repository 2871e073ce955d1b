package dev.notifier.routing;

import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Span;
import dev.notifier.routing.Subjects.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which of its type's notifications a binding passes on. Each dimension lists ids or names, matched
 * without regard to case; {@code min_level} drops what is less serious (never a recovery, which
 * closes an alert that was told); {@code keywords} keeps a message whose title or body contains one
 * of them. Who a subject is (provider, key, user) passes when any of the listed ones matches; the
 * other dimensions must each match; a cache-hit alert passes when one of its rows does. No filters
 * pass everything.
 */
public record Filters(
    Map<Dimension, Set<String>> names, @Nullable Level minLevel, List<String> keywords) {

  public static final Filters NONE = new Filters(Map.of(), null, List.of());

  private static final int MAX_ENTRIES = 100;
  private static final int MAX_LENGTH = 200;

  public boolean passes(NotificationType type, Message message) {
    // a recovery follows the alert it closes, which passed (a breaker alert is an error)
    if (minLevel != null
        && message.level() != Level.OK
        && severity(message.level()) < severity(minLevel)) {
      return false;
    }
    if (!keywords.isEmpty()) {
      String text = text(message);
      if (keywords.stream().noneMatch(text::contains)) {
        return false;
      }
    }
    if (names.isEmpty()) {
      return true;
    }
    return Subjects.of(type, message).each().stream().anyMatch(this::passes);
  }

  private boolean passes(Map<Dimension, Set<String>> subject) {
    boolean identityListed = false;
    boolean identified = false;
    for (Map.Entry<Dimension, Set<String>> listed : names.entrySet()) {
      Set<String> has = subject.getOrDefault(listed.getKey(), Set.of());
      boolean match = has.stream().anyMatch(listed.getValue()::contains);
      if (listed.getKey().identifies()) {
        identityListed = true;
        identified |= match;
      } else if (!match) {
        return false;
      }
    }
    return !identityListed || identified;
  }

  /** ERROR outranks WARNING outranks INFO. */
  private static int severity(Level level) {
    return switch (level) {
      case INFO, OK -> 0;
      case WARNING -> 1;
      case ERROR -> 2;
    };
  }

  private static String text(Message message) {
    StringBuilder out = new StringBuilder(message.title()).append('\n');
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> spans(out, h.spans());
        case Block.Fields f -> {
          out.append(f.heading()).append('\n');
          for (Block.Field field : f.fields()) {
            out.append(field.label()).append(": ");
            spans(out, field.value());
          }
        }
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static void spans(StringBuilder out, List<Span> spans) {
    spans.forEach(s -> out.append(s.text()));
    out.append('\n');
  }

  /**
   * Reads a binding's {@code filters} object for {@code type}, adding what is wrong to {@code
   * problems} (fields named {@code filters.<name>}). Null or an empty object is {@link #NONE}.
   */
  public static Filters parse(
      @Nullable JsonNode node, NotificationType type, List<ConfigProblem> problems) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem("filters", "expected an object, or null"));
      return NONE;
    }
    Map<Dimension, Set<String>> names = new EnumMap<>(Dimension.class);
    Level minLevel = null;
    List<String> keywords = List.of();
    Set<Dimension> carried = Subjects.carried(type);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String field = "filters." + Fields.clip(e.getKey());
      Dimension dimension =
          Arrays.stream(Dimension.values())
              .filter(d -> d.field.equals(e.getKey()))
              .findFirst()
              .orElse(null);
      if (dimension != null) {
        if (!carried.contains(dimension)) {
          problems.add(
              new ConfigProblem(
                  field, type.wireName() + " notifications carry no " + dimension.field));
          continue;
        }
        List<String> listed = strings(e.getValue(), field, problems);
        if (!listed.isEmpty()) {
          names.put(dimension, listed.stream().map(Subjects::normal).collect(Collectors.toSet()));
        }
      } else if (e.getKey().equals("min_level")) {
        minLevel = level(e.getValue(), field, problems);
      } else if (e.getKey().equals("keywords")) {
        keywords =
            strings(e.getValue(), field, problems).stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList();
      } else {
        problems.add(
            new ConfigProblem(
                field,
                "unknown filter; expected "
                    + String.join(", ", known(carried))
                    + (carried.isEmpty() ? "" : ", ")
                    + "min_level, keywords"));
      }
    }
    return new Filters(Map.copyOf(names), minLevel, keywords);
  }

  private static List<String> known(Set<Dimension> carried) {
    return Arrays.stream(Dimension.values()).filter(carried::contains).map(d -> d.field).toList();
  }

  private static @Nullable Level level(JsonNode value, String field, List<ConfigProblem> problems) {
    if (value.isString()) {
      for (Level l : List.of(Level.INFO, Level.WARNING, Level.ERROR)) {
        if (l.name().equalsIgnoreCase(value.asString())) {
          return l;
        }
      }
    }
    problems.add(new ConfigProblem(field, "expected info, warning or error"));
    return null;
  }

  private static List<String> strings(JsonNode value, String field, List<ConfigProblem> problems) {
    if (!value.isArray()
        || value.size() > MAX_ENTRIES
        || value
            .valueStream()
            .anyMatch(
                v ->
                    !(v.isString() || v.isIntegralNumber())
                        || v.asString().isBlank()
                        || v.asString().length() > MAX_LENGTH)) {
      problems.add(
          new ConfigProblem(
              field,
              "expected a list of up to "
                  + MAX_ENTRIES
                  + " ids or names, each 1–"
                  + MAX_LENGTH
                  + " characters"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    value.valueStream().forEach(v -> out.add(v.asString().trim()));
    return out;
  }
}
