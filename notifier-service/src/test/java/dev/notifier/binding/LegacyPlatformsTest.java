package dev.notifier.binding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which platform a legacy URL belongs to, by its host alone: nothing here connects anywhere. */
class LegacyPlatformsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc, wecom",
    "HTTPS://QYAPI.WEIXIN.QQ.COM/cgi-bin/webhook/send?key=abc, wecom",
    "https://qyapi.weixin.qq.com./cgi-bin/webhook/send?key=abc, wecom",
    "https://open.feishu.cn/open-apis/bot/v2/hook/xyz, feishu",
    "https://open.larksuite.com/open-apis/bot/v2/hook/xyz, feishu",
    "https://oapi.dingtalk.com/robot/send?access_token=t, dingtalk",
    "https://hooks.slack.com/services/T0/B0/x, slack",
    "https://discord.com/api/webhooks/1/x, discord",
    "https://discordapp.com/api/webhooks/1/x, discord",
    "https://api.telegram.org/bot123:abc/sendMessage?chat_id=42, telegram",
    "https://example.com/hook, webhook",
    "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send, webhook",
    "https://evil.example/qyapi.weixin.qq.com, webhook",
    "https://user@open.feishu.cn.example/hook, webhook",
    "not a url, webhook",
    "http://[::1]:8080/hook, webhook"
  })
  void theHostDecides(String url, String channel) {
    assertThat(LegacyPlatforms.channelOf(url)).isEqualTo(channel);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"https://api.telegram.org/bot123456:ABCdef_ghi-jkl/sendMessage?chat_id=-100200"})
  void aTelegramUrlGivesItsTokenAndChat(String url) {
    Target t = LegacyPlatforms.target(-1, "circuit_breaker", url);

    assertThat(t.channel()).isEqualTo("telegram");
    assertThat(t.url()).isEqualTo("https://api.telegram.org");
    assertThat(t.secret()).isEqualTo("123456:ABCdef_ghi-jkl");
    assertThat(t.config()).containsEntry("chat_id", "-100200");
  }
}
