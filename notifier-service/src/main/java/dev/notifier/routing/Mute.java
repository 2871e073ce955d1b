package dev.notifier.routing;

import dev.notifier.channel.ConfigProblem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * When a binding's target is not to be disturbed: recurring windows (from a time to a time, on some
 * days, in a zone; a window that ends before it starts runs past midnight) and a one-off {@code
 * until}. What falls in a window is held and sent as one digest when it ends, or dropped and
 * recorded as such, per {@code action}.
 */
public record Mute(
    List<Window> windows, @Nullable Instant until, @Nullable ZoneId zone, Action action) {

  /** What becomes of a notification that falls in a window. */
  public enum Action {
    DIGEST,
    DROP
  }

  /** From {@code from} to {@code to} on the days it starts; {@code to} 24:00 is midnight. */
  public record Window(Set<DayOfWeek> days, LocalTime from, @Nullable LocalTime to) {

    /** The end of this window's occurrence that covers {@code at}, or null. */
    @Nullable ZonedDateTime endCovering(ZonedDateTime at) {
      for (LocalDate day : List.of(at.toLocalDate().minusDays(1), at.toLocalDate())) {
        if (!days.contains(day.getDayOfWeek())) {
          continue;
        }
        ZonedDateTime start = day.atTime(from).atZone(at.getZone());
        ZonedDateTime end =
            to == null || !to.isAfter(from)
                ? day.plusDays(1).atTime(to == null ? LocalTime.MIDNIGHT : to).atZone(at.getZone())
                : day.atTime(to).atZone(at.getZone());
        if (!at.isBefore(start) && at.isBefore(end)) {
          return end;
        }
      }
      return null;
    }
  }

  // Back-to-back windows (weekend days, a night then a morning) are followed to their end, this
  // far at most: no sensible set of windows chains longer.
  private static final int MAX_CHAINED = 32;
  private static final int MAX_WINDOWS = 20;

  /**
   * Until when a notification at {@code now} is held, or null when none of the windows covers it.
   * {@code fallbackZone} is used when the rule names no zone.
   */
  public @Nullable Instant mutedUntil(Instant now, ZoneId fallbackZone) {
    ZoneId z = zone == null ? fallbackZone : zone;
    ZonedDateTime at = now.atZone(z);
    for (int i = 0; i < MAX_CHAINED; i++) {
      ZonedDateTime end = null;
      if (until != null && at.toInstant().isBefore(until)) {
        end = until.atZone(z);
      }
      for (Window w : windows) {
        ZonedDateTime e = w.endCovering(at);
        if (e != null && (end == null || e.isAfter(end))) {
          end = e;
        }
      }
      if (end == null) {
        break;
      }
      at = end;
    }
    return at.toInstant().equals(now) ? null : at.toInstant();
  }

  /** Reads a binding's {@code mute} object; null or absent is no mute. */
  public static @Nullable Mute parse(@Nullable JsonNode node, List<ConfigProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem("mute", "expected an object, or null"));
      return null;
    }
    List<Window> windows = new ArrayList<>();
    Instant until = null;
    ZoneId zone = null;
    Action action = Action.DIGEST;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String field = "mute." + Fields.clip(e.getKey());
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "windows" -> windows = windows(v, field, problems);
        case "until" -> {
          try {
            until = v.isNull() ? null : Instant.parse(v.asString());
          } catch (DateTimeParseException ex) {
            problems.add(new ConfigProblem(field, "expected a time such as 2026-12-24T08:00:00Z"));
          }
        }
        case "zone" -> {
          try {
            zone = v.isNull() ? null : ZoneId.of(v.asString());
            if (zone != null && !v.asString().contains("/") && !v.asString().equals("UTC")) {
              throw new DateTimeException("offset");
            }
          } catch (DateTimeException ex) {
            problems.add(
                new ConfigProblem(field, "expected an IANA time zone such as Asia/Shanghai"));
          }
        }
        case "action" -> {
          String a = v.isString() ? v.asString().toLowerCase(Locale.ROOT) : "";
          if (a.equals("digest") || a.equals("drop")) {
            action = Action.valueOf(a.toUpperCase(Locale.ROOT));
          } else {
            problems.add(new ConfigProblem(field, "expected digest or drop"));
          }
        }
        default ->
            problems.add(
                new ConfigProblem(field, "unknown field; expected windows, until, zone, action"));
      }
    }
    if (windows.isEmpty() && until == null && problems.isEmpty()) {
      problems.add(new ConfigProblem("mute", "expected windows, until or both"));
    }
    return new Mute(List.copyOf(windows), until, zone, action);
  }

  private static List<Window> windows(JsonNode v, String field, List<ConfigProblem> problems) {
    if (!v.isArray() || v.size() > MAX_WINDOWS) {
      problems.add(
          new ConfigProblem(field, "expected a list of up to " + MAX_WINDOWS + " windows"));
      return List.of();
    }
    List<Window> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode w = v.get(i);
      if (!w.isObject()) {
        problems.add(new ConfigProblem(at, "expected {\"from\": \"23:00\", \"to\": \"07:00\"}"));
        continue;
      }
      LocalTime from = time(w.get("from"), at + ".from", false, problems);
      LocalTime to = time(w.get("to"), at + ".to", true, problems);
      Set<DayOfWeek> days = days(w.get("days"), at + ".days", problems);
      w.propertyNames().stream()
          .filter(n -> !Set.of("from", "to", "days").contains(n))
          .forEach(
              n -> problems.add(new ConfigProblem(at + "." + Fields.clip(n), "unknown field")));
      if (from != null && from.equals(to)) {
        problems.add(new ConfigProblem(at + ".to", "must differ from from"));
      }
      if (from != null && (to != null || w.path("to").asString("").equals("24:00"))) {
        out.add(new Window(days, from, to));
      }
    }
    return out;
  }

  /** "HH:mm"; with {@code midnight}, "24:00" reads as null (the end of the day). */
  private static @Nullable LocalTime time(
      @Nullable JsonNode v, String field, boolean midnight, List<ConfigProblem> problems) {
    String text = v != null && v.isString() ? v.asString() : "";
    if (midnight && text.equals("24:00")) {
      return null;
    }
    if (text.matches("\\d\\d:\\d\\d")) {
      try {
        return LocalTime.parse(text);
      } catch (DateTimeParseException ignored) {
        // falls through to the problem
      }
    }
    problems.add(new ConfigProblem(field, "expected a time HH:mm" + (midnight ? " or 24:00" : "")));
    return null;
  }

  private static Set<DayOfWeek> days(
      @Nullable JsonNode v, String field, List<ConfigProblem> problems) {
    if (v == null || v.isNull()) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (v.isArray() && !v.isEmpty()) {
      for (JsonNode d : v) {
        DayOfWeek day = day(d.isString() ? d.asString() : "");
        if (day == null) {
          days.clear();
          break;
        }
        days.add(day);
      }
    }
    if (days.isEmpty()) {
      problems.add(new ConfigProblem(field, "expected days such as [\"sat\", \"sun\"]"));
      return EnumSet.allOf(DayOfWeek.class);
    }
    return days;
  }

  private static @Nullable DayOfWeek day(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (n.length() >= 3 && full.startsWith(n)) {
        return d;
      }
    }
    return null;
  }
}
