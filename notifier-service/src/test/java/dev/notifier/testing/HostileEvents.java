package dev.notifier.testing;

import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.BreakerSource;
import dev.notifier.events.CostSnapshot;
import dev.notifier.message.BreakerMessages;
import dev.notifier.message.CostMessages;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text an attacker (or a careless operator) can put into an event, each with the pieces that would
 * be live markup somewhere if they reached a platform as written, and every notification type made
 * from events whose every free-text field holds such text.
 */
public final class HostileEvents {

  /**
   * A hostile text and what must never reach a platform verbatim from it: in markdown, and in HTML.
   * A piece starting with a line break is live only at the start of a line (a heading, a list).
   */
  public record Hostile(String text, List<String> markdownLive, List<String> htmlLive) {
    @Override
    public String toString() {
      return text.replace("\n", "\\n");
    }
  }

  public static final List<Hostile> TEXTS =
      List.of(
          both("<at id=all></at>", "<at"),
          both("<at user_id=\"ou_1\">boss</at>", "<at"),
          both("<@all>", "<@"),
          both("<@U024BE7LH> <@&123>", "<@"),
          both("<!channel> <!here> <!subteam^S1>", "<!channel", "<!here", "<!subteam"),
          both("<font color=\"warning\">red</font>", "<font color=\"warning\">red"),
          both("<script>alert(1)</script>", "<script"),
          both("<a href=\"https://evil.example\">x</a>", "<a "),
          both("<https://evil.example|click>", "<https"),
          both("<t:0:R> <:emoji:1> <#123>", "<t:", "<:", "<#"),
          both("&lt;at id=all&gt;", "&lt;at"),
          both("&#60;at id=all&#62;", "&#60;at"),
          markdown("[click](https://evil.example/x)", "](", "[click]"),
          markdown("![p](https://evil.example/p.png)", "](", "!["),
          markdown("**bold** __under__ ~~gone~~", "**bold**", "~~gone~~", "__under__"),
          markdown("*it* _it_", "*it*", "_it_"),
          markdown("`code` ```block```", "`code`", "```"),
          markdown("||spoiler||", "||spoiler||"),
          markdown(
              "x\n# Heading\n> quote\n- item\n1. item",
              "\n# Heading",
              "\n> quote",
              "\n- item",
              "\n1. item"),
          markdown("# Heading at the start", "\n# Heading"),
          markdown("- list at the start", "\n- list"));

  private HostileEvents() {}

  private static Hostile both(String text, String... live) {
    return new Hostile(text, List.of(live), List.of(live));
  }

  private static Hostile markdown(String text, String... live) {
    return new Hostile(text, List.of(live), List.of());
  }

  /** One message per notification type, every event text field holding {@code text}. */
  public static Map<String, Message> messages(String text, Presentation p) {
    Instant at = Instant.parse("2025-01-15T06:00:00Z");
    Map<String, Message> out = new LinkedHashMap<>();
    out.put(
        "circuit-breaker-opened",
        BreakerMessages.opened(
            new BreakerOpened(
                1, text, 5, at.plusSeconds(1800), text, BreakerSource.ENDPOINT, 7L, text),
            at,
            p));
    out.put(
        "circuit-breaker-closed",
        BreakerMessages.closed(
            new BreakerClosed(1, text, BreakerSource.ENDPOINT, 7L, text, at.minusSeconds(600)),
            at,
            p));
    out.put(
        "cost-snapshot",
        CostMessages.alert(
            new CostSnapshot(
                CostSnapshot.TargetType.USER,
                1,
                text,
                CostSnapshot.Window.WEEKLY,
                at.minusSeconds(86_400),
                at.plusSeconds(86_400),
                new BigDecimal("9.5"),
                BigDecimal.TEN,
                "USD"),
            at,
            p,
            new BigDecimal("0.9")));
    out.put("daily-leaderboard", SampleLeaderboards.message(text, p));
    out.put("usage-report", SampleReports.message(text, p));
    out.put("cache-hit-alert", SampleCacheHits.message(text, p));
    return out;
  }
}
