package dev.notifier.channel.slack;

import dev.notifier.channel.MentionRules.Rule;
import dev.notifier.channel.MentionSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a Slack message mentions: member ids ({@code users}, {@code <@U…>}) and user groups ({@code
 * groups}, {@code <!subteam^S…>}), shown in a section under the header. Ids only: Slack's mrkdwn
 * turns nothing else into a ping.
 */
final class SlackMentions {

  static final List<Rule> RULES =
      List.of(
          Rule.ids("users", "[UW][A-Z0-9]{2,20}", "member ids such as U024BE7LH"),
          Rule.ids("groups", "S[A-Z0-9]{2,20}", "user group ids such as SAZ94GDB8"));

  private SlackMentions() {}

  /** The mention line, or "" when the settings name nobody. */
  static String line(MentionSet mentions) {
    List<String> at = new ArrayList<>();
    mentions.ids("users").forEach(u -> at.add("<@" + u + ">"));
    mentions.ids("groups").forEach(g -> at.add("<!subteam^" + g + ">"));
    return String.join(" ", at);
  }
}
