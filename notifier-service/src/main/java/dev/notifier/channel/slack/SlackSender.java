package dev.notifier.channel.slack;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.message.Message;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts Block Kit to a Slack incoming webhook. Slack answers {@code ok} in plain text; errors come
 * as 4xx with a word ({@code invalid_payload}, {@code no_service}, {@code channel_is_archived}) and
 * throttling as 429 with {@code Retry-After}, all classified by status.
 */
@Component
class SlackSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;

  SlackSender(HttpTransport http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return SlackMentions.RULES;
  }

  @Override
  public String channel() {
    return "slack";
  }

  /** https://api.slack.com/docs/rate-limits: incoming webhooks, 1 a second. */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA = List.of(RateLimit.perSecond(1));

  @Override
  public SendOutcome send(Destination destination, Message message) {
    String body =
        json.writeValueAsString(
            SlackBlocks.of(message, SlackMentions.line(destination.mentions())));
    return http.postJson(destination, body, SlackSender::judge);
  }

  private static SendOutcome judge(HttpReply reply, List<String> secrets) {
    var statusFailure = HttpTransport.classifyStatus(reply, secrets);
    if (statusFailure.isPresent()) {
      return statusFailure.get();
    }
    if (reply.body() != null && reply.body().strip().equals(SlackLimits.OK_BODY)) {
      return SendOutcome.delivered();
    }
    return HttpTransport.unreadable(reply, secrets);
  }
}
