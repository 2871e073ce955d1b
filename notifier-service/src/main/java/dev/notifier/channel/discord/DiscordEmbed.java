package dev.notifier.channel.discord;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MarkdownSpans;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A message as one embed: title, the highlights as the description, fields inline, the footer, and
 * a colour by level. Each part is cut to its own limit and the description to what the 6,000
 * character total leaves. Mentions are switched off: an alert quoting "@everyone" must not ping.
 */
final class DiscordEmbed {

  private DiscordEmbed() {}

  static Map<String, Object> body(Message message) {
    String title = Truncation.toChars(message.title(), DiscordLimits.TITLE_MAX_CHARS);
    String footer = Truncation.toChars(message.footer(), DiscordLimits.FOOTER_MAX_CHARS);
    StringBuilder description = new StringBuilder();
    List<Object> fields = new ArrayList<>();
    int used = title.length() + footer.length();
    for (Block block : message.blocks()) {
      switch (block) {
        case Block.Highlight h ->
            description.append(MarkdownSpans.render(h.spans())).append("\n\n");
        case Block.Fields f -> {
          // embed fields have no group title: the heading closes the description instead
          if (!f.heading().isEmpty()) {
            description.append("**").append(f.heading()).append("**\n\n");
          }
          for (Block.Field field : f.fields()) {
            if (fields.size() == DiscordLimits.MAX_FIELDS) {
              break;
            }
            String name = Truncation.toChars(field.label(), DiscordLimits.FIELD_NAME_MAX_CHARS);
            String value =
                Truncation.toChars(
                    MarkdownSpans.render(field.value()), DiscordLimits.FIELD_VALUE_MAX_CHARS);
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
