package dev.notifier.channel;

import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the answer of a platform that puts its verdict in a numeric JSON code ({@code errcode} for
 * WeCom and DingTalk, {@code code} for Feishu), often under HTTP 200. The code decides whenever
 * there is one, whatever the status; without one, the status decides, and a 2xx without a code is
 * an answer nobody can trust.
 */
public final class CodedReply {

  /**
   * @param detail the code and the platform's message, scrubbed of credentials
   */
  public record Code(int value, String detail) {}

  private CodedReply() {}

  /**
   * The outcome of {@code reply}: {@code classify} decides when the body carries a numeric {@code
   * codeField}, whatever the status; otherwise the status does, and a 2xx without a code is an
   * answer nobody can trust.
   */
  public static SendOutcome judge(
      HttpReply reply,
      JsonMapper json,
      String codeField,
      String messageField,
      List<String> secrets,
      Function<Code, SendOutcome> classify) {
    JsonNode answer;
    try {
      answer = json.readTree(reply.body());
    } catch (RuntimeException e) {
      answer = null;
    }
    if (answer != null && answer.has(codeField) && answer.get(codeField).isNumber()) {
      int code = answer.get(codeField).asInt();
      String detail =
          Redaction.scrub(
              codeField + " " + code + ": " + answer.path(messageField).asString(""), secrets);
      return withRetryAfter(classify.apply(new Code(code, detail)), reply);
    }
    return HttpTransport.classifyStatus(reply, secrets)
        .<SendOutcome>map(f -> f)
        .orElseGet(() -> HttpTransport.unreadable(reply, secrets));
  }

  /**
   * A rate-limit code under a Retry-After header: the header is the platform's own word on when its
   * bucket has room, so it outranks the wait the sender assumes for the code.
   */
  private static SendOutcome withRetryAfter(SendOutcome outcome, HttpReply reply) {
    if (outcome instanceof SendOutcome.Failed f && f.reason() == FailureReason.RATE_LIMITED) {
      return HttpTransport.retryAfter(reply)
          .<SendOutcome>map(
              wait -> new SendOutcome.Failed(f.disposition(), f.reason(), f.detail(), wait))
          .orElse(f);
    }
    return outcome;
  }
}
