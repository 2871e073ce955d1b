package dev.notifier.channel.wecom;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ChartPictures;
import dev.notifier.channel.CodedReply;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.MentionRules;
import dev.notifier.channel.PlainText;
import dev.notifier.channel.RateLimit;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.SentParts;
import dev.notifier.channel.Truncation;
import dev.notifier.chart.ChartImages;
import dev.notifier.message.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends to a WeCom group bot: markdown, or text when the target asks for it or mentions people only
 * text can reach. WeCom answers HTTP 200 even for errors; the verdict is in errcode.
 *
 * <p>Target settings ({@code config}): {@code msgtype} ("markdown" or "text"), {@code
 * mentionedList} (user ids or "@all") and {@code mentionedMobileList}.
 */
@Component
class WeComSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;
  private final SentParts sentParts;
  private final ChartImages charts;

  WeComSender(HttpTransport http, JsonMapper json, Clock clock, ChartImages charts) {
    this.http = http;
    this.json = json;
    this.sentParts = new SentParts(clock);
    this.charts = charts;
  }

  private static final List<MentionRules.Rule> MENTIONS =
      List.of(
          MentionRules.Rule.ids("mentionedList", "@all|[A-Za-z0-9_.@-]{1,64}", "user ids or @all"),
          MentionRules.Rule.ids(
              "mentionedMobileList", "@all|\\+?[0-9][0-9-]{0,19}", "mobile numbers or @all"));

  @Override
  public List<MentionRules.Rule> mentionRules() {
    return MENTIONS;
  }

  @Override
  public String channel() {
    return "wecom";
  }

  @Override
  public Class<WeComConfig> configType() {
    return WeComConfig.class;
  }

  /** The text, and one image message per chart. */
  @Override
  public int requests(Message message) {
    return 1 + message.charts().size();
  }

  /** https://developer.work.weixin.qq.com/document/path/91770: 20 messages a minute per bot. */
  @Override
  public List<RateLimit> rateLimits() {
    return QUOTA;
  }

  private static final List<RateLimit> QUOTA = List.of(RateLimit.perMinute(20));

  /**
   * The text, then each chart as an image message. A retry after a later part failed sends only the
   * parts not yet accepted (remembered in memory for an hour).
   */
  @Override
  public SendOutcome send(Destination destination, Message message) {
    WeComMentions mentions = WeComMentions.of(destination.mentions());
    Object body =
        asText(destination, mentions) ? text(message, mentions) : markdown(message, mentions);
    String text = json.writeValueAsString(body);
    List<ChartPictures.Picture> pictures =
        ChartPictures.of(message, charts, WeComLimits.IMAGE_MAX_BYTES, channel());
    List<Supplier<SendOutcome>> parts = new ArrayList<>();
    parts.add(() -> post(destination, text));
    for (ChartPictures.Picture picture : pictures) {
      parts.add(() -> sendImage(destination, picture.png()));
    }
    return sentParts.sendAll(
        SentParts.messageKey(destination.id(), text + ChartPictures.key(message)), parts);
  }

  /**
   * Sends a picture (a chart, say) as an image message. Over WeCom's 2 MB it is refused here as too
   * large, since the platform would refuse it the same way every time.
   */
  public SendOutcome sendImage(Destination destination, byte[] picture) {
    if (picture.length > WeComLimits.IMAGE_MAX_BYTES) {
      return Failed.permanent(
          FailureReason.TOO_LARGE,
          "image of " + picture.length + " bytes, over " + WeComLimits.IMAGE_MAX_BYTES);
    }
    return post(destination, json.writeValueAsString(WeComImage.of(picture)));
  }

  private static boolean asText(Destination destination, WeComMentions mentions) {
    WeComConfig.MsgType type = destination.config(WeComConfig.class).msgtype();
    return type == null ? mentions.needText() : type == WeComConfig.MsgType.TEXT;
  }

  private static MarkdownMessage markdown(Message message, WeComMentions mentions) {
    // The mentions go after the cut, so the cut leaves room for them.
    String at = mentions.inMarkdown();
    String content =
        Truncation.toUtf8Bytes(
                WeComMarkdown.render(message),
                WeComLimits.MARKDOWN_MAX_BYTES - Truncation.utf8Length(at))
            + at;
    return new MarkdownMessage("markdown", new MarkdownMessage.Markdown(content));
  }

  private static TextMessage text(Message message, WeComMentions mentions) {
    String content = Truncation.toUtf8Bytes(PlainText.render(message), WeComLimits.TEXT_MAX_BYTES);
    return new TextMessage(
        "text", new TextMessage.Text(content, mentions.userIds(), mentions.mobiles()));
  }

  private SendOutcome post(Destination destination, String body) {
    return http.postJson(destination, body, this::judge);
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    return CodedReply.judge(reply, json, "errcode", "errmsg", secrets, WeComSender::classify);
  }

  private static SendOutcome classify(CodedReply.Code code) {
    return switch (code.value()) {
      case WeComLimits.OK -> SendOutcome.delivered();
      case WeComLimits.RATE_LIMITED ->
          new Failed(
              SendOutcome.Disposition.RETRYABLE,
              FailureReason.RATE_LIMITED,
              code.detail(),
              WeComLimits.RATE_WINDOW);
      case WeComLimits.BUSY -> Failed.retryable(FailureReason.SERVER_ERROR, code.detail());
      case WeComLimits.TOO_LONG -> Failed.permanent(FailureReason.TOO_LARGE, code.detail());
      case WeComLimits.INVALID_KEY -> Failed.permanent(FailureReason.AUTH_ERROR, code.detail());
      // An unknown code may be transient; retrying a bounded number of times costs little and the
      // DLT keeps it.
      default -> Failed.retryable(FailureReason.PLATFORM_ERROR, code.detail());
    };
  }

  /** https://developer.work.weixin.qq.com/document/path/91770#markdown类型 */
  record MarkdownMessage(String msgtype, Markdown markdown) {
    record Markdown(String content) {}
  }

  /** https://developer.work.weixin.qq.com/document/path/91770#文本类型 */
  record TextMessage(String msgtype, Text text) {
    record Text(
        String content,
        @JsonProperty("mentioned_list") List<String> mentionedList,
        @JsonProperty("mentioned_mobile_list") List<String> mentionedMobileList) {}
  }
}
