package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.message.Block;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShrinkTest {

  @Test
  void theLongestTextsAreCutFirstAndShortOnesKept() {
    Message m =
        new Message(
            "Breaker open",
            Level.ERROR,
            List.of(
                new Block.Highlight(List.of(Span.plain("provider 7 tripped"))),
                new Block.Fields(
                    "Details",
                    List.of(
                        new Block.Field("Failures", List.of(Span.plain("5"))),
                        new Block.Field("Last error", List.of(Span.code("x".repeat(4000))))))),
            "footer",
            Map.of());

    Message half = Shrink.toHalf(m);

    assertThat(half.title()).isEqualTo("Breaker open");
    assertThat(half.blocks().getFirst()).isEqualTo(m.blocks().getFirst());
    Block.Fields fields = (Block.Fields) half.blocks().getLast();
    assertThat(fields.fields().getFirst().value()).containsExactly(Span.plain("5"));
    Span error = fields.fields().getLast().value().getFirst();
    assertThat(error.style()).isEqualTo(Span.Style.CODE);
    assertThat(error.text()).endsWith("…").hasSizeLessThanOrEqualTo(2010).hasSizeGreaterThan(1500);
  }

  @Test
  void aMessageOfShortTextsCannotShrinkAndComesBackAsItIs() {
    Message m =
        new Message(
            "t",
            Level.INFO,
            List.of(new Block.Highlight(List.of(Span.plain("short")))),
            "f",
            Map.of());
    assertThat(Shrink.toHalf(m)).isSameAs(m);
  }
}
