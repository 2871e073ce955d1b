package dev.notifier.channel.discord;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.MarkupEscape;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A message as one embed: title, the highlights as the description, fields inline, the footer, and
 * a colour by level. Each part is cut to its own limit and the description to what the 6,000
 * character total leaves. Mentions are switched off: an alert quoting "@everyone" must not ping.
 */
final class DiscordEmbed {

  /**
   * What opens Discord's markdown (its mention, emoji and timestamp tags, and &) becomes a
   * look-alike; pings are also switched off by {@code allowed_mentions}.
   */
  static final UnaryOperator<String> TEXT = MarkupEscape.lookalikes("<>[]*`#~|&_");

  private DiscordEmbed() {}

  static Map<String, Object> body(Message message) {
    String title = Truncation.toChars(TEXT.apply(message.title()), DiscordLimits.TITLE_MAX_CHARS);
    String footer =
        Truncation.toChars(TEXT.apply(message.footer()), DiscordLimits.FOOTER_MAX_CHARS);
    StringBuilder description = new StringBuilder();
    List<Object> fields = new ArrayList<>();
    int used = title.length() + footer.length();
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            description.append(MarkdownSpans.render(h.spans(), TEXT)).append("\n\n");
        case Block.Fields f -> {
          // embed fields have no group title: the heading closes the description instead
          if (!f.heading().isEmpty()) {
            description.append("**").append(TEXT.apply(f.heading())).append("**\n\n");
          }
          for (Block.Field field : f.fields()) {
            if (fields.size() == DiscordLimits.MAX_FIELDS) {
              break;
            }
            String name =
                Truncation.toChars(TEXT.apply(field.label()), DiscordLimits.FIELD_NAME_MAX_CHARS);
            String value =
                Truncation.toChars(
                    MarkdownSpans.render(field.value(), TEXT), DiscordLimits.FIELD_VALUE_MAX_CHARS);
            if (used + name.length() + value.length() > DiscordLimits.EMBED_TOTAL_MAX_CHARS) {
              break;
            }
            used += name.length() + value.length();
            fields.add(obj("name", name, "value", value, "inline", true));
          }
        }
      }
    }
    int room =
        Math.min(DiscordLimits.DESCRIPTION_MAX_CHARS, DiscordLimits.EMBED_TOTAL_MAX_CHARS - used);
    Map<String, Object> embed =
        obj(
            "title",
            title,
            "description",
            Truncation.toChars(description.toString().strip(), Math.max(room, 0)),
            "color",
            colour(message.level()),
            "fields",
            fields,
            "footer",
            obj("text", footer));
    return obj("embeds", List.of(embed), "allowed_mentions", obj("parse", List.of()));
  }

  static int colour(Level level) {
    return switch (level) {
      case ERROR -> 0xE74C3C;
      case WARNING -> 0xE67E22;
      case INFO -> 0x3498DB;
      case OK -> 0x2ECC71;
    };
  }
}
