package dev.notifier.delivery;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code notifier replay [--publish] [--since T] [--until T] [--type T] [--channel C] [--target ID]
 * [--only P:O,...]}
 *
 * <p>Lists the deliveries DLT (filtered), and with {@code --publish} re-publishes the listed
 * records. The broker and topics come from {@code --bootstrap-servers}, {@code --topic} (the
 * deliveries topic) or the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code
 * NOTIFIER_DELIVERIES_TOPIC}), as for the service.
 */
public final class ReplayCommand {

  private ReplayCommand() {}

  public static int run(String[] args, PrintStream out) {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      out.println("replay: " + e.getMessage());
      out.println(
          "usage: replay [--publish] [--since ISO-8601] [--until ISO-8601] [--type TYPE] [--channel CHANNEL]"
              + " [--target ID] [--only PARTITION:OFFSET,...] [--bootstrap-servers HOST:PORT] [--topic TOPIC]");
      return 2;
    }
    String bootstrap =
        options.getOrDefault("bootstrap-servers", env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
    String deliveries =
        options.getOrDefault("topic", env("NOTIFIER_DELIVERIES_TOPIC", "notifier.deliveries"));
    DeadLetterReplay.Filter filter =
        new DeadLetterReplay.Filter(
            instant(options.get("since")),
            instant(options.get("until")),
            options.get("type"),
            options.get("channel"),
            options.containsKey("target") ? Long.valueOf(options.get("target")) : null);
    Set<String> only =
        options.containsKey("only")
            ? Set.copyOf(Arrays.asList(options.get("only").split(",")))
            : Set.of();
    DeadLetterReplay replay =
        new DeadLetterReplay(bootstrap, deliveries + dev.notifier.Topics.DLT_SUFFIX, deliveries);
    List<DeadLetterReplay.Entry> entries =
        options.containsKey("publish")
            ? replay.replay(filter, only)
            : replay.list(filter).stream()
                .filter(e -> only.isEmpty() || only.contains(e.position()))
                .toList();
    out.printf(
        "%-10s %-24s %-18s %-10s %-8s %-16s %-8s %s%n",
        "POSITION", "FAILED AT", "TYPE", "CHANNEL", "TARGET", "REASON", "ATTEMPTS", "LAST ERROR");
    for (DeadLetterReplay.Entry e : entries) {
      out.printf(
          "%-10s %-24s %-18s %-10s %-8s %-16s %-8s %s%n",
          e.position(),
          e.failedAt(),
          e.notificationType(),
          e.channel(),
          e.targetId(),
          e.reason(),
          e.attempts(),
          e.lastError());
    }
    out.println(
        (options.containsKey("publish") ? "re-published " : "matched ")
            + entries.size()
            + (options.containsKey("publish")
                ? " to " + deliveries
                : " (add --publish to re-publish them)"));
    return 0;
  }

  private static Map<String, String> parse(String[] args) {
    Set<String> flags = Set.of("publish");
    Set<String> valued =
        Set.of("since", "until", "type", "channel", "target", "only", "bootstrap-servers", "topic");
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        options.put(name, "true");
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        options.put(name, value);
      } else {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    if (options.containsKey("target")) {
      try {
        Long.parseLong(options.get("target"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--target must be a number, was '" + options.get("target") + "'");
      }
    }
    for (String time : List.of("since", "until")) {
      if (options.containsKey(time)) {
        try {
          Instant.parse(options.get(time));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "--" + time + " must be an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
      }
    }
    return options;
  }

  private static @Nullable Instant instant(@Nullable String value) {
    return value == null ? null : Instant.parse(value);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
