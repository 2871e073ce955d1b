package dev.notifier.channel.teams;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.MarkupEscape;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A message as an Adaptive Card inside the envelope a Teams Workflows webhook expects: the title in
 * the level's colour, highlights as text, fields as a fact set, the footer subtle and small.
 */
final class TeamsCard {

  /** Adaptive Cards document no escape: what opens their markdown becomes a look-alike. */
  static final UnaryOperator<String> TEXT = MarkupEscape.lookalikes("<>[]*`#~|&_");

  private TeamsCard() {}

  static Map<String, Object> of(Message message) {
    List<Object> body = new ArrayList<>();
    body.add(title(message));
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> body.add(text(MarkdownSpans.renderWithoutCode(h.spans(), TEXT)));
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            body.add(
                obj(
                    "type",
                    "TextBlock",
                    "text",
                    TEXT.apply(f.heading()),
                    "weight",
                    "Bolder",
                    "wrap",
                    true));
          }
          List<Object> facts = new ArrayList<>();
          for (Block.Field field : f.fields()) {
            facts.add(
                obj(
                    "title",
                    TEXT.apply(field.label()),
                    "value",
                    MarkdownSpans.renderWithoutCode(field.value(), TEXT)));
          }
          body.add(obj("type", "FactSet", "facts", facts));
        }
      }
    }
    body.add(footer(message));
    return envelope(body);
  }

  /** The whole message as one text block, for when the card would be too large. */
  static Map<String, Object> plain(Message message, String text) {
    return envelope(List.of(title(message), text(text), footer(message)));
  }

  /** Text of the whole message, used when it has to be cut to fit. */
  static String text(Message message) {
    StringBuilder out = new StringBuilder();
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            out.append(MarkdownSpans.renderWithoutCode(h.spans(), TEXT)).append("\n\n");
        case Block.Fields f -> {
          for (Block.Field field : f.fields()) {
            out.append(TEXT.apply(field.label()))
                .append(": ")
                .append(MarkdownSpans.renderWithoutCode(field.value(), TEXT))
                .append("\n\n");
          }
        }
      }
    }
    return out.toString().strip();
  }

  static String colour(Level level) {
    return switch (level) {
      case ERROR -> "Attention";
      case WARNING -> "Warning";
      case INFO -> "Accent";
      case OK -> "Good";
    };
  }

  /**
   * The card with {@code users} mentioned under its title; as is when there are none. Cards are
   * built of mutable maps and lists, so the message is changed in place.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mention(Map<String, Object> message, List<String> users) {
    if (users.isEmpty()) {
      return message;
    }
    Map<String, Object> attachment =
        (Map<String, Object>)
            ((List<Object>) Objects.requireNonNull(message.get("attachments"))).getFirst();
    Map<String, Object> card = (Map<String, Object>) attachment.get("content");
    List<Object> body = new ArrayList<>((List<Object>) Objects.requireNonNull(card).get("body"));
    body.add(1, text(TeamsMentions.line(users)));
    card.put("body", body);
    card.put("msteams", TeamsMentions.entities(users));
    return message;
  }

  private static Map<String, Object> envelope(List<Object> body) {
    Map<String, Object> card =
        obj(
            "$schema",
            "http://adaptivecards.io/schemas/adaptive-card.json",
            "type",
            "AdaptiveCard",
            "version",
            "1.4",
            "body",
            body);
    return obj(
        "type",
        "message",
        "attachments",
        List.of(obj("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
  }

  private static Map<String, Object> title(Message message) {
    return obj(
        "type",
        "TextBlock",
        "text",
        TEXT.apply(message.title()),
        "weight",
        "Bolder",
        "size",
        "Medium",
        "color",
        colour(message.level()),
        "wrap",
        true);
  }

  private static Map<String, Object> footer(Message message) {
    return obj(
        "type",
        "TextBlock",
        "text",
        TEXT.apply(message.footer()),
        "isSubtle",
        true,
        "size",
        "Small",
        "wrap",
        true);
  }

  private static Map<String, Object> text(String text) {
    return obj("type", "TextBlock", "text", text, "wrap", true);
  }
}
