package dev.notifier.channel.feishu;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.MarkupEscape;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A message as an interactive card (schema 2.0): a coloured header, highlights as markdown, fields
 * two per row, a rule and the footer in small print. Built from ordered maps so the JSON is exactly
 * what the card schema names, field by field, in a stable order.
 */
final class FeishuCard {

  /**
   * Feishu's card markdown reads HTML character references, its documented escape; the header's
   * title is plain_text and needs none. Code is shown as plain text: inside a code span a character
   * reference would show as written.
   */
  static final UnaryOperator<String> TEXT = MarkupEscape.entities("<>[]*`#~|_\\");

  private FeishuCard() {}

  static Map<String, Object> of(Message message) {
    return of(message, "");
  }

  /** With {@code mentions} ({@code <at>} tags) as the first element. */
  static Map<String, Object> of(Message message, String mentions) {
    List<Object> elements = new ArrayList<>();
    if (!mentions.isEmpty()) {
      elements.add(markdown(mentions));
    }
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            elements.add(markdown(MarkdownSpans.renderWithoutCode(h.spans(), TEXT)));
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            elements.add(markdown("**" + TEXT.apply(f.heading()) + "**"));
          }
          List<Block.Field> fields = f.fields();
          for (int i = 0; i < fields.size(); i += 2) {
            elements.add(row(fields.subList(i, Math.min(i + 2, fields.size()))));
          }
        }
      }
    }
    elements.add(obj("tag", "hr"));
    elements.add(
        obj("tag", "markdown", "content", TEXT.apply(message.footer()), "text_size", "notation"));
    return card(message, elements);
  }

  /** The whole message as one markdown element, for when the card would be too large. */
  static Map<String, Object> plain(Message message, String markdown) {
    return card(message, List.of(markdown(markdown)));
  }

  private static Map<String, Object> card(Message message, List<Object> elements) {
    return obj(
        "schema",
        "2.0",
        "header",
        obj(
            "title",
            obj("tag", "plain_text", "content", message.title()),
            "template",
            colour(message.level())),
        "body",
        obj("elements", elements));
  }

  static String colour(Level level) {
    return switch (level) {
      case ERROR -> "red";
      case WARNING -> "orange";
      case INFO -> "blue";
      case OK -> "green";
    };
  }

  /** Text of the whole message, used when it has to be cut to fit. */
  static String text(Message message) {
    StringBuilder out = new StringBuilder();
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append(MarkdownSpans.renderWithoutCode(h.spans(), TEXT)).append("\n\n");
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            out.append("**").append(TEXT.apply(f.heading())).append("**\n");
          }
          for (Block.Field field : f.fields()) {
            out.append("**")
                .append(TEXT.apply(field.label()))
                .append("**: ")
                .append(MarkdownSpans.renderWithoutCode(field.value(), TEXT))
                .append('\n');
          }
          out.append('\n');
        }
      }
    }
    return out.append(TEXT.apply(message.footer())).toString();
  }

  private static Map<String, Object> row(List<Block.Field> fields) {
    List<Object> columns = new ArrayList<>();
    for (Block.Field field : fields) {
      columns.add(
          obj(
              "tag",
              "column",
              "width",
              "weighted",
              "weight",
              1,
              "elements",
              List.of(
                  markdown(
                      "**"
                          + TEXT.apply(field.label())
                          + "**\n"
                          + MarkdownSpans.renderWithoutCode(field.value(), TEXT)))));
    }
    return obj("tag", "column_set", "columns", columns);
  }

  private static Map<String, Object> markdown(String content) {
    return obj("tag", "markdown", "content", content);
  }
}
