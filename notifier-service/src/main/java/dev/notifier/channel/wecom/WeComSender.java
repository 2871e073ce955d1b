package dev.notifier.channel.wecom;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.CodedReply;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends markdown to a WeCom group bot. WeCom answers HTTP 200 even for errors; the verdict is in
 * errcode.
 */
@Component
class WeComSender implements ChannelSender {

  private final HttpTransport http;
  private final JsonMapper json;

  WeComSender(HttpTransport http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public String channel() {
    return "wecom";
  }

  @Override
  public SendOutcome send(Destination destination, Message message) {
    String content =
        Truncation.toUtf8Bytes(WeComMarkdown.render(message), WeComLimits.MARKDOWN_MAX_BYTES);
    String body =
        json.writeValueAsString(
            new MarkdownMessage("markdown", new MarkdownMessage.Markdown(content)));
    List<String> secrets = destination.secrets();
    return http.postJson(
        destination.requireUrl(), body, Map.of(), secrets, reply -> judge(reply, secrets));
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    return switch (CodedReply.read(reply, json, "errcode", "errmsg", secrets)) {
      case CodedReply.Decided d -> d.outcome();
      case CodedReply.Code c -> classify(c);
    };
  }

  private static SendOutcome classify(CodedReply.Code code) {
    return switch (code.value()) {
      case WeComLimits.OK -> SendOutcome.delivered();
      case WeComLimits.RATE_LIMITED -> Failed.retryable(FailureReason.RATE_LIMITED, code.detail());
      case WeComLimits.BUSY -> Failed.retryable(FailureReason.SERVER_ERROR, code.detail());
      case WeComLimits.TOO_LONG -> Failed.permanent(FailureReason.TOO_LARGE, code.detail());
      case WeComLimits.INVALID_KEY -> Failed.permanent(FailureReason.AUTH_ERROR, code.detail());
      // An unknown code may be transient; retrying a bounded number of times costs little and the
      // DLT keeps it.
      default -> Failed.retryable(FailureReason.PLATFORM_ERROR, code.detail());
    };
  }

  /** The request body: https://developer.work.weixin.qq.com/document/path/91770#markdown类型 */
  record MarkdownMessage(String msgtype, Markdown markdown) {
    record Markdown(String content) {}
  }
}
