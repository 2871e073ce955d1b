package dev.notifier.channel.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.ChannelContract;
import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.Destination;
import dev.notifier.channel.FailureReason;
import dev.notifier.channel.SendOutcome;
import dev.notifier.channel.SendOutcome.Disposition;
import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.channel.Truncation;
import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.ChatStandIn.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The WeCom sender against a real HTTP server: the shared contract, and WeCom's own errcodes. */
class WeComSenderTest extends ChannelContract {

  private static final String KEY = "0f3c9a7e-secret-wecom-key";

  private final JsonMapper json = JsonMapper.builder().build();

  @Override
  protected ChannelSender sender() {
    return new WeComSender(http, json);
  }

  @Override
  protected Destination destination(String origin) {
    return new Destination(1, "ops", origin + "/cgi-bin/webhook/send?key=" + KEY, null, Map.of());
  }

  @Override
  protected Reply accepted() {
    return ChatStandIn.WECOM_OK;
  }

  @Override
  protected List<String> credentials() {
    return List.of(KEY);
  }

  @Override
  protected void assertCut(String sentBody) {
    String content = json.readTree(sentBody).get("markdown").get("content").asString();
    assertThat(content).endsWith(Truncation.MARKER);
    assertThat(utf8Length(content))
        .isLessThanOrEqualTo(WeComLimits.MARKDOWN_MAX_BYTES)
        .isGreaterThan(WeComLimits.MARKDOWN_MAX_BYTES - 8);
  }

  static Stream<Arguments> errcodes() {
    return Stream.of(
        Arguments.of(
            "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}",
            Disposition.RETRYABLE,
            FailureReason.RATE_LIMITED),
        Arguments.of(
            "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
            Disposition.RETRYABLE,
            FailureReason.SERVER_ERROR),
        Arguments.of(
            "{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}",
            Disposition.PERMANENT,
            FailureReason.TOO_LARGE),
        Arguments.of(
            "{\"errcode\":93000,\"errmsg\":\"invalid webhook url, key " + KEY + "\"}",
            Disposition.PERMANENT,
            FailureReason.AUTH_ERROR),
        Arguments.of(
            "{\"errcode\":12345,\"errmsg\":\"something new\"}",
            Disposition.RETRYABLE,
            FailureReason.PLATFORM_ERROR));
  }

  @ParameterizedTest
  @MethodSource("errcodes")
  void everyErrcodeIsClassifiedAndNoneLeaksTheKey(
      String answer, Disposition disposition, FailureReason reason) {
    platform.respond(r -> Reply.json(answer));

    SendOutcome outcome = send(message("hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failed.class,
            f -> {
              assertThat(f.disposition()).isEqualTo(disposition);
              assertThat(f.reason()).isEqualTo(reason);
              assertThat(f.detail()).doesNotContain(KEY);
            });
  }
}
