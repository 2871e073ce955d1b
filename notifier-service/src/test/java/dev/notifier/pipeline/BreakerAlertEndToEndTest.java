package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A breaker event on Kafka reaches a WeCom stand-in as exactly the expected JSON. */
class BreakerAlertEndToEndTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final TestWorld world = new TestWorld();
  private final ChatStandIn wecom = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    wecom.close();
  }

  @Test
  void breakerOpenedArrivesAsTheSeedsMarkdownInChinese() {
    // given
    world.bindTarget(
        "ops",
        "wecom",
        wecom.url("/cgi-bin/webhook/send?key=wecom-test-key-123"),
        "circuit_breaker");
    world.start();

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    ChatStandIn.Request request = wecom.accepted().getFirst();
    assertThat(request.path()).isEqualTo("/cgi-bin/webhook/send");
    assertThat(request.query()).isEqualTo("key=wecom-test-key-123");
    assertThat(json.readTree(request.body()))
        .isEqualTo(
            json.readTree(
                """
                {"msgtype":"markdown","markdown":{"content":"## <font color=\\"warning\\">供应商熔断告警</font>\\n\\n\
                > 供应商 **Anthropic 官方** (ID: 1) 已触发熔断保护\\n\\n\
                **详细信息**\\n\
                失败次数: 5 次\\n\
                预计恢复: 2025-01-15 14:30:00\\n\
                最后错误: `rate_limit_exceeded: You have exceeded your rate limit`\\n\\n\
                ---\\n\
                2025-01-15 14:00:00 · 熔断器将在预计时间后自动恢复"}}
                """));
    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT status FROM delivery_log WHERE notification_id = '4f1c2a9e-0b7d-4c55-9f61-1d2e3c4b5a01'")
                .query(String.class)
                .single())
        .isEqualTo("delivered");
  }

  @Test
  void breakerOpenedReadsInEnglishWhenConfigured() {
    // given
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.jdbc().sql("UPDATE notification_settings SET locale = 'en', time_zone = 'UTC'").update();
    world.start();

    // when
    world.publishEvent("provider:1", Examples.read("circuit-breaker-opened"));

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    String content =
        json.readTree(wecom.accepted().getFirst().body()).get("markdown").get("content").asString();
    assertThat(content)
        .isEqualTo(
            """
            ## <font color="warning">Provider circuit breaker open</font>

            > Provider **Anthropic 官方** (ID: 1) tripped its circuit breaker

            **Details**
            Failures: 5
            Expected recovery: 2025-01-15 06:30:00
            Last error: `rate_limit_exceeded: You have exceeded your rate limit`

            ---
            2025-01-15 06:00:00 · the breaker closes by itself after the expected recovery time""");
  }

  @Test
  void aTenThousandCharacterErrorTextStillAlertsCutForDisplay() {
    // given
    world.bindTarget("ops", "wecom", wecom.url("/cgi-bin/webhook/send?key=k"), "circuit_breaker");
    world.start();
    String longError = "upstream said: " + "x".repeat(10_000);

    // when
    world.publishEvent(
        "provider:1",
        Examples.read("circuit-breaker-opened")
            .replace("rate_limit_exceeded: You have exceeded your rate limit", longError));

    // then the alert arrives, the error cut to a thousand characters and marked
    await().atMost(Duration.ofSeconds(30)).until(() -> wecom.accepted().size() == 1);
    String content =
        json.readTree(wecom.accepted().getFirst().body()).get("markdown").get("content").asString();
    assertThat(content).contains("upstream said: xxx").contains("x…`");
    assertThat(content).doesNotContain("x".repeat(1_000));
    assertThat(world.readAll(world.eventsTopic() + ".DLT")).isEmpty();
  }
}
