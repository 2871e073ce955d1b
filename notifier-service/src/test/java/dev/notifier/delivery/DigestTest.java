package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import dev.notifier.message.Span;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestTest {

  private static final Presentation EN = Presentation.of("en", "UTC");

  @Test
  void oneMessageIsSentAsItIs() {
    Message only = message("A", Level.INFO, "a happened");
    assertThat(Digest.merge(List.of(only), List.of("n1"), EN)).isSameAs(only);
  }

  @Test
  void theFirstInFullThenOneLinePerOtherAtTheMostSeriousLevel() {
    Message digest =
        Digest.merge(
            List.of(
                message("A", Level.OK, "a happened"),
                message("B", Level.ERROR, "b   happened\nbadly"),
                message("C", Level.INFO, "c happened")),
            List.of("n1", "n2", "n3"),
            EN);

    assertThat(digest.title()).isEqualTo("A");
    assertThat(digest.level()).isEqualTo(Level.ERROR);
    assertThat(digest.blocks()).hasSize(2);
    assertThat(digest.blocks().getFirst())
        .isEqualTo(message("A", Level.OK, "a happened").blocks().getFirst());
    Block.Fields more = (Block.Fields) digest.blocks().getLast();
    assertThat(more.heading()).isEqualTo("+2 more");
    assertThat(more.fields())
        .containsExactly(
            new Block.Field("B", List.of(Span.plain("b happened badly"))),
            new Block.Field("C", List.of(Span.plain("c happened"))));
    assertThat(digest.variables()).containsEntry("digest_count", 3);
    // the digest's own id: the same for the same deliveries, unlike any of theirs
    assertThat(digest.variables().get("notification_id"))
        .isEqualTo(
            Digest.merge(
                    List.of(
                        message("A", Level.OK, "a"),
                        message("B", Level.OK, "b"),
                        message("C", Level.OK, "c")),
                    List.of("n1", "n2", "n3"),
                    EN)
                .variables()
                .get("notification_id"))
        .isNotEqualTo(
            Digest.merge(
                    List.of(message("A", Level.OK, "a"), message("B", Level.OK, "b")),
                    List.of("n1", "n2"),
                    EN)
                .variables()
                .get("notification_id"));
  }

  @Test
  void theHeadingIsInTheReadersLanguage() {
    Message digest =
        Digest.merge(
            List.of(message("A", Level.OK, "a"), message("B", Level.OK, "b")),
            List.of("n1", "n2"),
            Presentation.of("zh-CN", "Asia/Shanghai"));
    assertThat(((Block.Fields) digest.blocks().getLast()).heading()).isEqualTo("另有 1 条");
  }

  @Test
  void aLongLineIsShortenedWithoutSplittingACharacter() {
    String line = Digest.line(message("T", Level.INFO, "😀".repeat(200)));
    assertThat(line).hasSizeLessThanOrEqualTo(Digest.LINE_MAX_CHARS).endsWith("…");
    assertThat(Character.isHighSurrogate(line.charAt(line.length() - 2))).isFalse();
  }

  @Test
  void asManyFitAsTheLimitsAllowAndNeverNone() {
    List<Message> many =
        IntStream.range(0, 50).mapToObj(i -> message("T" + i, Level.INFO, "x".repeat(84))).toList();
    // each further message costs its line (84 bytes) and 16 of markup: 100 bytes
    assertThat(Digest.fitting(many, 20, 2000)).isEqualTo(20);
    assertThat(Digest.fitting(many, 40, 1000)).isEqualTo(11);
    assertThat(Digest.fitting(many, 40, 10)).isEqualTo(1);
  }

  private static Message message(String title, Level level, String text) {
    return new Message(
        title, level, List.of(new Block.Highlight(List.of(Span.plain(text)))), "footer", Map.of());
  }
}
