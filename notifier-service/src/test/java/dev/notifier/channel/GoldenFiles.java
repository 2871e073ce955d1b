package dev.notifier.channel;

import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.message.Presentation;
import dev.notifier.message.Samples;
import java.io.IOException;
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
    out.put("circuit-breaker-opened", Samples.of(NotificationType.CIRCUIT_BREAKER, p));
    out.put("circuit-breaker-closed", Samples.breakerClosed(p));
    out.put("cost-snapshot", Samples.of(NotificationType.COST_ALERT, p));
    out.put("daily-leaderboard", Samples.of(NotificationType.DAILY_LEADERBOARD, p));
    out.put("usage-report", Samples.of(NotificationType.USAGE_REPORT, p));
    out.put("cache-hit-alert", Samples.of(NotificationType.CACHE_HIT_ALERT, p));
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
}
