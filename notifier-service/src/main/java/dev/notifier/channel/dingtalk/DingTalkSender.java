package dev.notifier.channel.dingtalk;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.CodedReply;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.LiveCheck;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.MentionSet;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends markdown to a DingTalk custom robot, signed when the target has a secret, with the target's
 * mentions. DingTalk answers HTTP 200 for most errors; the verdict is in errcode.
 *
 * <p>Target settings ({@code config}): {@code atMobiles} and {@code atUserIds} (lists), {@code
 * isAtAll} (boolean), {@code keyword} (added to the text when the robot's keyword check would
 * otherwise refuse it; saving a target that names one asks DingTalk whether it is the robot's).
 */
@Component
class DingTalkSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;
  private final Clock clock;

  DingTalkSender(HttpTransport http, JsonMapper json, Clock clock) {
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return MENTIONS;
  }

  @Override
  public String channel() {
    return "dingtalk";
  }

  /**
   * https://open.dingtalk.com/document/orgapp/robot-overview: 20 a minute per robot; more throttles
   * it for 10 minutes.
   */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA = List.of(RateLimit.perMinute(20));

  @Override
  public SendOutcome send(Destination destination, Message message) {
    At at = At.of(destination.mentions());
    // The text's limit holds for all of it: what is added after the message (the keyword, the
    // mentions) is taken off the room the message has, before it is cut.
    String keyword = destination.config(DingTalkConfig.class).named();
    int added = utf8Length("\n\n" + (keyword == null ? "" : keyword) + at.inText());
    String markdown =
        Truncation.toUtf8Bytes(
            DingTalkMarkdown.render(message), Math.max(0, DingTalkLimits.TEXT_MAX_BYTES - added));
    // The keyword and the mentions come after the text and the mention lists go in the body too:
    // measure the whole body, so a long list of mentions cuts the text, not the request.
    String body =
        Truncation.fitBody(
            markdown,
            DingTalkLimits.BODY_MAX_BYTES,
            cut ->
                json.writeValueAsString(
                    new MarkdownMessage(
                        message.title(), cut + keyword(keyword, cut) + at.inText(), at)));
    String url = destination.requireUrl();
    if (destination.secret() != null && !destination.secret().isBlank()) {
      url = DingTalkSigning.signedUrl(url, destination.secret(), clock.millis());
    }
    List<String> secrets = destination.secrets();
    return http.postJson(destination, url, body, Map.of(), secrets, reply -> judge(reply, secrets));
  }

  private static final List<MentionRules.Rule> MENTIONS =
      List.of(
          MentionRules.Rule.ids("atMobiles", "\\+?[0-9][0-9-]{0,19}", "mobile numbers"),
          MentionRules.Rule.ids("atUserIds", "[A-Za-z0-9_.-]{1,64}", "user ids"),
          MentionRules.Rule.flag("isAtAll"));

  @Override
  public List<ConfigProblem> check(Destination target) {
    return DingTalkSettings.check(target);
  }

  @Override
  public Class<DingTalkConfig> configType() {
    return DingTalkConfig.class;
  }

  /** When the target names the robot's keyword, DingTalk is asked whether it is the right one. */
  @Override
  public LiveCheck checkLive(Destination target, Message probe) {
    String keyword = target.config(DingTalkConfig.class).named();
    if (keyword == null) {
      return LiveCheck.NOT_NEEDED;
    }
    // The sender adds the keyword to any text that lacks it, so a refusal means it is the wrong
    // one.
    if (!(send(target, probe) instanceof Failed f)) {
      return new LiveCheck.Passed();
    }
    return f.disposition() == SendOutcome.Disposition.RETRYABLE
        ? new LiveCheck.Inconclusive(f.detail())
        : new LiveCheck.Refused(DingTalkSettings.blame(f, keyword));
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    return CodedReply.judge(reply, json, "errcode", "errmsg", secrets, DingTalkSender::classify);
  }

  private static SendOutcome classify(CodedReply.Code code) {
    return switch (code.value()) {
      case DingTalkLimits.OK -> SendOutcome.delivered();
      case DingTalkLimits.THROTTLED ->
          new Failed(
              SendOutcome.Disposition.RETRYABLE,
              FailureReason.RATE_LIMITED,
              code.detail(),
              Duration.ofSeconds(DingTalkLimits.THROTTLE_SECONDS));
      case DingTalkLimits.BUSY -> Failed.retryable(FailureReason.SERVER_ERROR, code.detail());
      case DingTalkLimits.TOO_LARGE -> Failed.permanent(FailureReason.TOO_LARGE, code.detail());
      case DingTalkLimits.SECURITY_REFUSED, DingTalkLimits.INVALID_TOKEN ->
          Failed.permanent(FailureReason.AUTH_ERROR, code.detail());
      // An unknown code may be transient; a bounded number of retries costs little and the DLT
      // keeps it.
      default -> Failed.retryable(FailureReason.PLATFORM_ERROR, code.detail());
    };
  }

  private static int utf8Length(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** The robot's keyword, when it has one and the text lacks it. */
  private static String keyword(@Nullable String k, String text) {
    return k != null && !text.contains(k) ? "\n\n" + k : "";
  }

  /** Who is mentioned. A mobile number only renders as a mention when it is also in the text. */
  record At(List<String> atMobiles, List<String> atUserIds, boolean isAtAll) {

    static At of(MentionSet mentions) {
      return new At(mentions.ids("atMobiles"), mentions.ids("atUserIds"), mentions.on("isAtAll"));
    }

    String inText() {
      if (atMobiles.isEmpty() && atUserIds.isEmpty()) {
        return "";
      }
      return "\n\n"
          + Stream.concat(atMobiles.stream(), atUserIds.stream())
              .map(m -> "@" + m)
              .collect(Collectors.joining(" "));
    }
  }

  /** The request body: https://open.dingtalk.com/document/orgapp/custom-bot-send-message-type */
  record MarkdownMessage(String msgtype, Markdown markdown, At at) {

    MarkdownMessage(String title, String text, At at) {
      this("markdown", new Markdown(title, text), at);
    }

    record Markdown(String title, String text) {}
  }
}
