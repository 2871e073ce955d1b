package dev.notifier.channel.teams;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts an Adaptive Card to a Microsoft Teams Workflows webhook (the signed Power Automate URL;
 * Office 365 connectors are retired). The flow answers 202 with no body; over 28 KB it answers 413,
 * so a larger card is sent as one text block cut to fit.
 */
@Component
class TeamsSender implements ChannelSender {

  /**
   * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
   */
  static final int BODY_MAX_BYTES = 28 * 1024;

  private final HttpTransport http;
  private final JsonMapper json;

  TeamsSender(HttpTransport http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return TeamsMentions.RULES;
  }

  @Override
  public String channel() {
    return "teams";
  }

  /**
   * https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using:
   * more than 4 a second is refused.
   */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA = List.of(RateLimit.perSecond(4));

  @Override
  public SendOutcome send(Destination destination, Message message) {
    List<String> users = TeamsMentions.users(destination.mentions());
    String body = json.writeValueAsString(TeamsCard.mention(TeamsCard.of(message), users));
    if (body.getBytes(StandardCharsets.UTF_8).length > BODY_MAX_BYTES) {
      body =
          Truncation.fitBody(
              TeamsCard.text(message),
              BODY_MAX_BYTES,
              text ->
                  json.writeValueAsString(
                      TeamsCard.mention(TeamsCard.plain(message, text), users)));
    }
    return http.postJson(destination, body, TeamsSender::judge);
  }

  private static SendOutcome judge(HttpReply reply, List<String> secrets) {
    var statusFailure = HttpTransport.classifyStatus(reply, secrets);
    if (statusFailure.isPresent()) {
      return statusFailure.get();
    }
    // a flow that took the card answers 202 and nothing else; a page with content is not the flow
    if (reply.status() == 202 || reply.body() == null || reply.body().isBlank()) {
      return SendOutcome.delivered();
    }
    return HttpTransport.unreadable(reply, secrets);
  }
}
