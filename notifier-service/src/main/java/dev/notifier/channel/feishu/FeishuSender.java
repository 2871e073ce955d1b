package dev.notifier.channel.feishu;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.CodedReply;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an interactive card to a Feishu or Lark custom bot (the host comes from the target's URL),
 * signed in the body when the target has a secret. Feishu answers 200 or 400 with a {@code code};
 * see {@link CodedReply}.
 */
@Component
class FeishuSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;
  private final Clock clock;

  FeishuSender(HttpTransport http, JsonMapper json, Clock clock) {
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return FeishuMentions.RULES;
  }

  @Override
  public String channel() {
    return "feishu";
  }

  /** Feishu's signing secrets are letters and digits; anything else is a paste gone wrong. */
  @Override
  public List<ConfigProblem> check(Destination target) {
    List<ConfigProblem> problems = new ArrayList<>(ChannelSender.super.check(target));
    String secret = target.secret();
    if (secret != null && !secret.matches("[A-Za-z0-9]{8,128}")) {
      problems.add(
          new ConfigProblem(
              "secret", "expected the bot's signing secret: 8 to 128 letters and digits"));
    }
    return problems;
  }

  /**
   * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: 5 a second and 100 a minute
   * per bot.
   */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA =
      List.of(RateLimit.perSecond(5), RateLimit.perMinute(100));

  @Override
  public SendOutcome send(Destination destination, Message message) {
    String mentions = FeishuMentions.tags(destination.mentions());
    String body = body(destination, FeishuCard.of(message, mentions));
    if (body.getBytes(StandardCharsets.UTF_8).length > FeishuLimits.BODY_MAX_BYTES) {
      // Too large as a card: the same text as one markdown element, cut to fit with a marker.
      body =
          Truncation.fitBody(
              FeishuCard.text(message),
              FeishuLimits.BODY_MAX_BYTES,
              text ->
                  body(
                      destination,
                      FeishuCard.plain(
                          message, mentions.isEmpty() ? text : mentions + "\n" + text)));
    }
    return http.postJson(destination, body, this::judge);
  }

  private String body(Destination destination, Map<String, Object> card) {
    Map<String, Object> body = new LinkedHashMap<>();
    String secret = destination.secret();
    if (secret != null && !secret.isBlank()) {
      long now = clock.instant().getEpochSecond();
      body.put("timestamp", String.valueOf(now));
      body.put("sign", FeishuSigning.sign(secret, now));
    }
    body.put("msg_type", "interactive");
    body.put("card", card);
    return json.writeValueAsString(body);
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    return CodedReply.judge(reply, json, "code", "msg", secrets, FeishuSender::classify);
  }

  private static SendOutcome classify(CodedReply.Code code) {
    return switch (code.value()) {
      case FeishuLimits.OK -> SendOutcome.delivered();
      case FeishuLimits.RATE_LIMITED, FeishuLimits.BAD_OR_TOO_MANY ->
          Failed.retryable(FailureReason.RATE_LIMITED, code.detail());
      case FeishuLimits.BAD_SIGNATURE, FeishuLimits.IP_NOT_ALLOWED ->
          Failed.permanent(FailureReason.AUTH_ERROR, code.detail());
      case FeishuLimits.KEYWORD_MISSING ->
          Failed.permanent(FailureReason.BAD_CONFIG, code.detail());
      // An unknown code may be transient; a bounded number of retries costs little and the DLT
      // keeps it.
      default -> Failed.retryable(FailureReason.PLATFORM_ERROR, code.detail());
    };
  }
}
