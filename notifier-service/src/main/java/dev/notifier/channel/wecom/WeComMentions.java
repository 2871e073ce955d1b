package dev.notifier.channel.wecom;

import dev.notifier.channel.MentionSet;
import java.util.List;

/**
 * Who a target's messages mention, from its settings {@code mentionedList} (user ids, or "@all")
 * and {@code mentionedMobileList}. Markdown can only mention user ids, as {@code <@id>}; mobiles
 * and "@all" need a text message, so a target that names them is sent text unless its {@code
 * msgtype} says otherwise.
 */
record WeComMentions(List<String> userIds, List<String> mobiles) {

  static final String EVERYONE = "@all";

  static WeComMentions of(MentionSet mentions) {
    return new WeComMentions(mentions.ids("mentionedList"), mentions.ids("mentionedMobileList"));
  }

  /** True when only a text message can carry these mentions. */
  boolean needText() {
    return !mobiles.isEmpty() || userIds.contains(EVERYONE);
  }

  /** The {@code <@id>} line markdown shows as mentions; empty when there are none. */
  String inMarkdown() {
    List<String> ids = userIds.stream().filter(id -> !id.equals(EVERYONE)).toList();
    if (ids.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\n");
    ids.forEach(id -> out.append("<@").append(id).append('>'));
    return out.toString();
  }
}
