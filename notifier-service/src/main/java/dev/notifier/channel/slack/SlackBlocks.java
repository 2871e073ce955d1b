package dev.notifier.channel.slack;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MarkupEscape;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A message in Block Kit: a header (with the level as an emoji, Slack blocks have no colour),
 * highlights as mrkdwn sections, fields as section fields (at most ten per section), and the footer
 * as a context block. Every text is cut to its block's limit; mrkdwn escapes {@code & < >}.
 */
final class SlackBlocks {

  private SlackBlocks() {}

  static Map<String, Object> of(Message message) {
    return of(message, "");
  }

  /** With {@code mentions} (Slack's own mention syntax) in a section under the header. */
  static Map<String, Object> of(Message message, String mentions) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(
        obj(
            "type",
            "header",
            "text",
            obj(
                "type",
                "plain_text",
                "text",
                Truncation.toChars(
                    emoji(message.level()) + " " + message.title(), SlackLimits.HEADER_MAX_CHARS),
                "emoji",
                true)));
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h -> blocks.add(section(spans(h.spans())));
        case Block.Fields f -> {
          if (!f.heading().isEmpty()) {
            blocks.add(section("*" + escape(f.heading()) + "*"));
          }
          List<Block.Field> fields = f.fields();
          for (int i = 0; i < fields.size(); i += SlackLimits.FIELDS_PER_SECTION) {
            List<Object> texts = new ArrayList<>();
            for (Block.Field field :
                fields.subList(i, Math.min(i + SlackLimits.FIELDS_PER_SECTION, fields.size()))) {
              String text = "*" + escape(field.label()) + "*\n" + spans(field.value());
              texts.add(mrkdwn(Truncation.toChars(text, SlackLimits.FIELD_MAX_CHARS)));
            }
            blocks.add(obj("type", "section", "fields", texts));
          }
        }
      }
    }
    if (!mentions.isEmpty()) {
      blocks.add(1, section(mentions));
    }
    blocks.add(obj("type", "context", "elements", List.of(mrkdwn(escape(message.footer())))));
    // Past the block limit the tail is dropped, footer kept, with the marker in the last section.
    if (blocks.size() > SlackLimits.MAX_BLOCKS) {
      Object footer = blocks.getLast();
      blocks = new ArrayList<>(blocks.subList(0, SlackLimits.MAX_BLOCKS - 2));
      blocks.add(section(Truncation.MARKER.strip()));
      blocks.add(footer);
    }
    return obj(
        // the notification's text is read as mrkdwn too
        "text",
        Truncation.toChars(escape(message.title()), SlackLimits.TEXT_MAX_CHARS),
        "blocks",
        blocks);
  }

  /** Slack's formatting characters have no escape: they become look-alikes. */
  private static final UnaryOperator<String> FORMATTING = MarkupEscape.lookalikes("*_~`|[]");

  /**
   * {@code & < >} as Slack documents (so no mention or link), then the formatting characters as
   * look-alikes; line breaks become spaces, so a value cannot start a quote.
   */
  static String escape(String text) {
    return FORMATTING.apply(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }

  private static String emoji(Level level) {
    return switch (level) {
      case ERROR -> ":red_circle:";
      case WARNING -> ":large_orange_circle:";
      case INFO -> ":large_blue_circle:";
      case OK -> ":large_green_circle:";
    };
  }

  private static Map<String, Object> section(String text) {
    return obj(
        "type", "section", "text", mrkdwn(Truncation.toChars(text, SlackLimits.SECTION_MAX_CHARS)));
  }

  private static Map<String, Object> mrkdwn(String text) {
    return obj("type", "mrkdwn", "text", text);
  }

  private static String spans(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    for (Span span : spans) {
      String text = escape(span.text());
      switch (span.style()) {
        case PLAIN -> out.append(text);
        case BOLD -> out.append('*').append(text).append('*');
        case CODE -> out.append('`').append(text.replace('`', '\'')).append('`');
      }
    }
    return out.toString();
  }
}
