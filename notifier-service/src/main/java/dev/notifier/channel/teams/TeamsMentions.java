package dev.notifier.channel.teams;

import static dev.notifier.channel.JsonObjects.obj;

import dev.notifier.channel.MentionRules.Rule;
import dev.notifier.channel.MentionSet;
import java.util.List;
import java.util.Map;

/**
 * Who a Teams card mentions: users by their UPN (e-mail-like sign-in name) or Entra object id
 * ({@code users}). Each is an {@code <at>…</at>} in a text block under the title and a mention
 * entity in the card's {@code msteams} part, as Adaptive Cards in Teams require both.
 */
final class TeamsMentions {

  static final List<Rule> RULES =
      List.of(Rule.ids("users", "[A-Za-z0-9._%+@:-]{1,128}", "UPNs or Entra object ids"));

  private TeamsMentions() {}

  static List<String> users(MentionSet mentions) {
    return mentions.ids("users");
  }

  /** The text block's text: one {@code <at>} tag per user. */
  static String line(List<String> users) {
    return String.join(" ", users.stream().map(TeamsMentions::tag).toList());
  }

  /** The {@code msteams} part naming each mentioned user. */
  static Map<String, Object> entities(List<String> users) {
    return obj(
        "entities",
        users.stream()
            .map(u -> obj("type", "mention", "text", tag(u), "mentioned", obj("id", u, "name", u)))
            .toList());
  }

  private static String tag(String user) {
    return "<at>" + user + "</at>";
  }
}
