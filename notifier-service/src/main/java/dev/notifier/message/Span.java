package dev.notifier.message;

/** A run of text with one style; each channel escapes and marks it up in its own syntax. */
public record Span(String text, Style style) {

  /** Inline styles every platform can show in some form. */
  public enum Style {
    PLAIN,
    BOLD,
    CODE
  }

  public static Span plain(String text) {
    return new Span(text, Style.PLAIN);
  }

  public static Span bold(String text) {
    return new Span(text, Style.BOLD);
  }

  public static Span code(String text) {
    return new Span(text, Style.CODE);
  }
}
