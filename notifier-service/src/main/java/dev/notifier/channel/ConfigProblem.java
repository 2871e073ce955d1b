package dev.notifier.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * One mistake in a target's settings, named by the field as a client writes it ({@code url}, {@code
 * secret}, {@code config.keyword}), so that an API can answer with the field to fix.
 */
public record ConfigProblem(String field, String message) {

  /**
   * Reads an error that names its setting the way settings errors here do, {@code "config.proxy:
   * not a URL"}; one without a field is put on {@code fallbackField}.
   */
  public static ConfigProblem parse(@Nullable String error, String fallbackField) {
    String text = error == null ? "invalid" : error;
    int colon = text.indexOf(": ");
    if (colon < 0 || text.substring(0, colon).contains(" ")) {
      return new ConfigProblem(fallbackField, text);
    }
    return new ConfigProblem(text.substring(0, colon), text.substring(colon + 2));
  }

  /**
   * The field a JSON binding stopped at (after {@code prefix}) and what it wanted there; never the
   * value sent, which may be a secret.
   */
  public static ConfigProblem of(JacksonException e, String prefix) {
    String path =
        e.getPath().stream()
            .map(
                r ->
                    r.getPropertyName() != null
                        ? r.getPropertyName()
                        : String.valueOf(r.getIndex()))
            .collect(Collectors.joining("."));
    String field =
        path.isEmpty()
            ? (prefix.isEmpty() ? "body" : prefix.replaceAll("\\.$", ""))
            : prefix + path;
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known =
          u.getKnownPropertyIds() == null
              ? List.of()
              : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return new ConfigProblem(
          field, known.isEmpty() ? "unknown setting" : "unknown setting; expected one of " + known);
    }
    if (e.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null) {
      // a record refusing a value in its own words, which name no value
      return new ConfigProblem(field, refused.getMessage());
    }
    Class<?> wanted = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (path.isEmpty()) {
      return new ConfigProblem(field, "expected a JSON object");
    }
    return new ConfigProblem(field, wanted == null ? "wrong type" : "expected " + kind(wanted));
  }

  private static String kind(Class<?> type) {
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString()).toList();
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "another type";
  }
}
