package dev.notifier.channel.feishu;

import dev.notifier.channel.MentionRules.Rule;
import dev.notifier.channel.MentionSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a Feishu card mentions: users by open_id or user_id ({@code atUserIds}) and everyone ({@code
 * atAll}), as card markdown's {@code <at id=…></at>} tags in the first element.
 */
final class FeishuMentions {

  static final List<Rule> RULES =
      List.of(
          Rule.ids("atUserIds", "[A-Za-z0-9_-]{1,64}", "open_ids or user_ids such as ou_7d8a6e6d"),
          Rule.flag("atAll"));

  private FeishuMentions() {}

  /** The tags, or "" when the settings name nobody. */
  static String tags(MentionSet mentions) {
    List<String> at = new ArrayList<>();
    if (mentions.on("atAll")) {
      at.add("<at id=all></at>");
    }
    mentions.ids("atUserIds").forEach(id -> at.add("<at id=" + id + "></at>"));
    return String.join(" ", at);
  }
}
