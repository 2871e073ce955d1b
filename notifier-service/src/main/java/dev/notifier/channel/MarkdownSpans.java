package dev.notifier.channel;

import dev.notifier.message.Span;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Spans in the markdown most platforms share: {@code **bold**} and {@code `code`}, each span's text
 * escaped by the channel's {@link MarkupEscape} first, so only these marks are markup. A backtick
 * inside code would end it early, so it becomes a quote.
 */
public final class MarkdownSpans {

  private MarkdownSpans() {}

  public static String render(List<Span> spans, UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      String text = escape.apply(span.text());
      switch (span.style()) {
        case PLAIN -> out.append(text);
        case BOLD -> out.append("**").append(text).append("**");
        case CODE -> out.append('`').append(text.replace('`', '\'')).append('`');
      }
    }
    return out.toString();
  }

  /**
   * For markdown without inline code (DingTalk, Adaptive Cards): code shows as plain text, since
   * backticks would show as backticks.
   */
  public static String renderWithoutCode(List<Span> spans, UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      String text = escape.apply(span.text());
      switch (span.style()) {
        case PLAIN, CODE -> out.append(text);
        case BOLD -> out.append("**").append(text).append("**");
      }
    }
    return out.toString();
  }
}
