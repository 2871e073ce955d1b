package dev.notifier.channel;

import org.jspecify.annotations.Nullable;

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
}
