package dev.notifier.channel.telegram;

import dev.notifier.channel.MentionRules.Rule;
import dev.notifier.channel.MentionSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a Telegram message mentions: users by {@code @username} ({@code usernames}), and users
 * without one by a link to their numeric id ({@code user_ids}, {@code tg://user?id=…}), on a line
 * after the text.
 */
final class TelegramMentions {

  static final List<Rule> RULES =
      List.of(
          Rule.ids("usernames", "[A-Za-z][A-Za-z0-9_]{4,31}", "usernames without the @"),
          Rule.ids("user_ids", "[0-9]{1,20}", "numeric user ids"));

  private TelegramMentions() {}

  /** The line in Telegram's HTML, or "" when the settings name nobody. */
  static String line(MentionSet mentions) {
    List<String> at = new ArrayList<>();
    mentions.ids("usernames").forEach(u -> at.add("@" + u));
    mentions
        .ids("user_ids")
        .forEach(id -> at.add("<a href=\"tg://user?id=" + id + "\">" + id + "</a>"));
    return String.join(" ", at);
  }
}
