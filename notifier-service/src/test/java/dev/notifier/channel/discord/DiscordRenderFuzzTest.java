package dev.notifier.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.notifier.testing.FuzzMessages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a message says, the embed is valid JSON within Discord's limits, pings nobody and holds
 * no mention, emoji or timestamp tag or link from the message.
 */
class DiscordRenderFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @FuzzTest(maxDuration = "10s")
  void validJsonWithinLimitsWithoutTags(FuzzedDataProvider data) {
    JsonNode body =
        JSON.readTree(JSON.writeValueAsString(DiscordEmbed.body(FuzzMessages.message(data))));
    assertThat(body.at("/allowed_mentions/parse").isEmpty()).isTrue();
    JsonNode embed = body.at("/embeds/0");
    int total =
        embed.get("title").asString().length() + embed.at("/footer/text").asString().length();
    total += embed.get("description").asString().length();
    assertThat(embed.get("title").asString().length())
        .isLessThanOrEqualTo(DiscordLimits.TITLE_MAX_CHARS);
    assertThat(embed.get("description").asString().length())
        .isLessThanOrEqualTo(DiscordLimits.DESCRIPTION_MAX_CHARS);
    assertThat(embed.get("fields").size()).isLessThanOrEqualTo(DiscordLimits.MAX_FIELDS);
    for (JsonNode field : embed.get("fields")) {
      total += field.get("name").asString().length() + field.get("value").asString().length();
    }
    assertThat(total).isLessThanOrEqualTo(DiscordLimits.EMBED_TOTAL_MAX_CHARS);
    for (String text : FuzzMessages.texts(body)) {
      assertThat(text).doesNotContain("<", "[", "](");
    }
  }
}
