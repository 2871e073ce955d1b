package dev.notifier.channel.wecom;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.HttpReply;
import dev.notifier.channel.HttpTransport;
import dev.notifier.channel.Redaction;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.message.Message;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
    return switch (http.postJson(destination.requireUrl(), body, Map.of(), secrets)) {
      case HttpTransport.TransportFailed f -> f.failure();
      case HttpTransport.Replied r -> judge(r.reply(), secrets);
    };
  }

  private SendOutcome judge(HttpReply reply, List<String> secrets) {
    var statusFailure = HttpTransport.classifyStatus(reply, secrets);
    if (statusFailure.isPresent()) {
      return statusFailure.get();
    }
    JsonNode answer;
    try {
      answer = json.readTree(reply.body());
    } catch (RuntimeException e) {
      return Failed.retryable(
          FailureReason.INVALID_RESPONSE, "not JSON: " + HttpTransport.abbreviate(reply.body()));
    }
    if (answer == null || !answer.has("errcode")) {
      return Failed.retryable(
          FailureReason.INVALID_RESPONSE,
          "no errcode in " + HttpTransport.abbreviate(reply.body()));
    }
    int errcode = answer.get("errcode").asInt();
    if (errcode == WeComLimits.OK) {
      return SendOutcome.delivered();
    }
    String detail =
        Redaction.scrub("errcode " + errcode + ": " + answer.path("errmsg").asString(""), secrets);
    return switch (errcode) {
      case WeComLimits.RATE_LIMITED -> Failed.retryable(FailureReason.RATE_LIMITED, detail);
      case WeComLimits.BUSY -> Failed.retryable(FailureReason.SERVER_ERROR, detail);
      case WeComLimits.TOO_LONG -> Failed.permanent(FailureReason.TOO_LARGE, detail);
      case WeComLimits.INVALID_KEY -> Failed.permanent(FailureReason.AUTH_ERROR, detail);
      // An unknown code may be transient; retrying a bounded number of times costs little and the
      // DLT keeps it.
      default -> Failed.retryable(FailureReason.PLATFORM_ERROR, detail);
    };
  }

  /** The request body: https://developer.work.weixin.qq.com/document/path/91770#markdown类型 */
  record MarkdownMessage(String msgtype, Markdown markdown) {
    record Markdown(String content) {}
  }
}
