package dev.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TruncationTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aBodyIsFittedWithItsEscapingMeasuredNotGuessed() {
    // quotes and newlines double in size once escaped into JSON; 3-byte characters never split
    String text = "\"熔\n".repeat(10_000);

    String body =
        Truncation.fitBody(
            text, 20 * 1024, t -> json.writeValueAsString(Map.of("title", "告警", "text", t)));

    assertThat(Truncation.utf8Length(body)).isLessThanOrEqualTo(20 * 1024);
    String sent = json.readTree(body).get("text").asString();
    assertThat(sent).endsWith(Truncation.MARKER).doesNotContain("\uFFFD");
    assertThat(text).startsWith(sent.substring(0, sent.length() - Truncation.MARKER.length()));
    // and it does not give away much more than it had to
    assertThat(Truncation.utf8Length(body)).isGreaterThan(20 * 1024 - 64);
  }

  @Test
  void aBodyThatFitsIsLeftWhole() {
    String body = Truncation.fitBody("short", 1_000, t -> "{\"text\":\"" + t + "\"}");
    assertThat(body).isEqualTo("{\"text\":\"short\"}");
  }
}
