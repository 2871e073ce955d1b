package dev.notifier.channel;

import dev.notifier.message.Span;
import java.util.List;

/**
 * Spans in the markdown most platforms share: {@code **bold**} and {@code `code`}. A backtick
 * inside code would end it early, so it becomes a quote.
 */
public final class MarkdownSpans {

  private MarkdownSpans() {}

  public static String render(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      switch (span.style()) {
        case PLAIN -> out.append(span.text());
        case BOLD -> out.append("**").append(span.text()).append("**");
        case CODE -> out.append('`').append(span.text().replace('`', '\'')).append('`');
      }
    }
    return out.toString();
  }

  /**
   * For markdown without inline code (DingTalk, Adaptive Cards): code shows as plain text, since
   * backticks would show as backticks.
   */
  public static String renderWithoutCode(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      switch (span.style()) {
        case PLAIN, CODE -> out.append(span.text());
        case BOLD -> out.append("**").append(span.text()).append("**");
      }
    }
    return out.toString();
  }
}
