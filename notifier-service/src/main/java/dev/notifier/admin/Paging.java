package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  /**
   * A history query's time range, cursor and page size, checked (problems added to {@code
   * problems}). Its conditions end the query's own: {@link #conditions} for a table whose time is
   * {@code at} and whose ids rise with it.
   */
  record Window(
      @Nullable Timestamp since, @Nullable Timestamp until, @Nullable Long before, int limit) {

    static Window of(
        @Nullable String since,
        @Nullable String until,
        @Nullable Long before,
        int limit,
        List<ConfigProblem> problems) {
      Timestamp from = instant("since", since, problems);
      Timestamp to = instant("until", until, problems);
      checkLimit(limit, problems);
      return new Window(from, to, before, limit);
    }

    /** "AND ..." on {@code column prefix} (such as "a."), then newest first, one row more. */
    static String conditions(String prefix) {
      return " AND (CAST(:since AS timestamptz) IS NULL OR %1$sat >= :since)".formatted(prefix)
          + " AND (CAST(:until AS timestamptz) IS NULL OR %1$sat < :until)".formatted(prefix)
          + " AND (CAST(:before AS bigint) IS NULL OR %1$sid < :before)".formatted(prefix)
          + " ORDER BY %1$sid DESC LIMIT :limit".formatted(prefix);
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
      return spec.param("since", since)
          .param("until", until)
          .param("before", before)
          .param("limit", limit + 1);
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
