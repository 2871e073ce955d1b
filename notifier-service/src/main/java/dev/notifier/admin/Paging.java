package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the history endpoints share: instants and page sizes checked and named when wrong, and a
 * page of rows newest first with the cursor ({@code next}, the last id shown) for the one after.
 */
final class Paging {

  private Paging() {}

  static @Nullable Timestamp instant(
      String name, @Nullable String value, List<ConfigProblem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Timestamp.from(Instant.parse(value));
    } catch (DateTimeParseException e) {
      problems.add(new ConfigProblem(name, "expected an instant such as 2026-12-06T09:00:00Z"));
      return null;
    }
  }

  static void checkLimit(int limit, List<ConfigProblem> problems) {
    if (limit < 1 || limit > 500) {
      problems.add(new ConfigProblem("limit", "must be from 1 to 500"));
    }
  }

  static void refuseIf(List<ConfigProblem> problems) {
    if (!problems.isEmpty()) {
      throw new AdminRefusal.Invalid("invalid query", problems);
    }
  }

  /**
   * {@code rows} were read with {@code limit + 1}: one more than shown says there is a next page.
   */
  static Map<String, Object> page(List<Map<String, Object>> rows, int limit) {
    boolean more = rows.size() > limit;
    List<Map<String, Object>> shown = more ? rows.subList(0, limit) : rows;
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("items", shown);
    page.put("next", more ? shown.getLast().get("id") : null);
    return page;
  }
}
