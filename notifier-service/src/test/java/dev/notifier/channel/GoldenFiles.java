package dev.notifier.channel;

import dev.notifier.events.BreakerClosed;
import dev.notifier.events.BreakerOpened;
import dev.notifier.events.CostSnapshot;
import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.message.BreakerMessages;
import dev.notifier.message.CostMessages;
import dev.notifier.message.Message;
import dev.notifier.message.Presentation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages of each notification type, rendered from the contract's golden example events, and
 * the golden files that hold what each channel must send for them.
 */
public final class GoldenFiles {

  private GoldenFiles() {}

  /** One message per notification type, keyed by the example's name. */
  public static Map<String, Message> messages(Presentation p) {
    Map<String, Message> out = new TreeMap<>();
    ValidatedEvent opened = example("circuit-breaker-opened");
    out.put(
        "circuit-breaker-opened",
        BreakerMessages.opened(opened.dataAs(BreakerOpened.class), opened.time(), p));
    ValidatedEvent closed = example("circuit-breaker-closed");
    out.put(
        "circuit-breaker-closed",
        BreakerMessages.closed(closed.dataAs(BreakerClosed.class), closed.time(), p));
    ValidatedEvent cost = example("cost-snapshot");
    out.put(
        "cost-snapshot",
        CostMessages.alert(
            cost.dataAs(CostSnapshot.class), cost.time(), p, new java.math.BigDecimal("0.8")));
    out.put("daily-leaderboard", dev.notifier.testing.SampleLeaderboards.message(null, p));
    out.put("usage-report", dev.notifier.testing.SampleReports.message(null, p));
    out.put("cache-hit-alert", dev.notifier.testing.SampleCacheHits.message(null, p));
    return out;
  }

  /**
   * The text of {@code golden/<channel>/<name>}. Run with {@code -Dgolden.update=true} to write
   * what was sent instead, then review the diff before committing it.
   */
  public static String read(String channel, String name, String sent) {
    Path file = Path.of("src/test/resources/golden", channel, name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, sent);
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValidatedEvent example(String name) {
    try (InputStream in =
        GoldenFiles.class.getClassLoader().getResourceAsStream("examples/v1/" + name + ".json")) {
      return new EventValidator(65_536).validate(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidEventException e) {
      throw new IllegalStateException("golden example " + name + " is invalid", e);
    }
  }
}
