package dev.notifier.cli;

import dev.notifier.base.Topics;
import dev.notifier.delivery.DeadLetterReplay;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code notifier replay}: lists the deliveries dead-letter topic, filtered as the API filters it,
 * and with {@code --publish} puts the listed records back on the deliveries topic. A delivery
 * already made is skipped by the consumer, so replaying twice sends nothing twice.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Lists failed deliveries from the dead-letter topic; with --publish, re-publishes them.",
      "Without --publish (or with --dry-run) nothing is sent: it shows what would go."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed or re-published",
      "2:wrong arguments",
      "3:the broker could not be reached"
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec @Nullable CommandSpec spec;

  @Option(names = "--publish", description = "re-publish what matches")
  boolean publish;

  @Option(names = "--dry-run", description = "show what --publish would re-publish, send nothing")
  boolean dryRun;

  @Option(names = "--since", paramLabel = "TIME", description = "failed at or after (ISO-8601)")
  @Nullable Instant since;

  @Option(names = "--until", paramLabel = "TIME", description = "failed before (ISO-8601)")
  @Nullable Instant until;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "notification type (circuit_breaker, cost_alert, ...)")
  @Nullable String type;

  @Option(names = "--channel", paramLabel = "CHANNEL", description = "wecom, slack, ...")
  @Nullable String channel;

  @Option(names = "--target", paramLabel = "ID", description = "the target's id")
  @Nullable Long target;

  @Option(
      names = "--only",
      paramLabel = "PARTITION:OFFSET",
      split = ",",
      description = "only these records, as the listing names them")
  List<String> only = List.of();

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "the broker (as -D spring.kafka.bootstrap-servers=...)")
  @Nullable String bootstrapServers;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "the deliveries topic (as -D notifier.topics.deliveries=...)")
  @Nullable String topic;

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    if (publish && dryRun) {
      err.println("replay: --publish and --dry-run contradict each other");
      return 2;
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (bootstrapServers != null) {
      all.put("spring.kafka.bootstrap-servers", bootstrapServers);
    }
    if (topic != null) {
      all.put("notifier.topics.deliveries", topic);
    }
    DeadLetterReplay.Filter filter =
        new DeadLetterReplay.Filter(since, until, type, channel, target);
    try (ConfigurableApplicationContext context = kafka.start(all)) {
      Topics topics = context.getBean(Topics.class);
      DeadLetterReplay replay =
          new DeadLetterReplay(
              context.getBean(ConsumerFactory.class).getConfigurationProperties(),
              context.getBean(ProducerFactory.class).getConfigurationProperties(),
              topics.deliveriesDlt(),
              topics.deliveries());
      Set<String> chosen = Set.copyOf(only);
      List<DeadLetterReplay.Entry> entries =
          publish
              ? replay.replay(filter, chosen)
              : replay.list(filter).stream()
                  .filter(e -> chosen.isEmpty() || chosen.contains(e.position()))
                  .toList();
      print(out, entries);
      out.println(
          publish
              ? "re-published " + entries.size() + " to " + topics.deliveries()
              : "matched " + entries.size() + " (add --publish to re-publish them)");
      return 0;
    } catch (RuntimeException e) {
      err.println("replay: the broker could not be reached: " + e.getMessage());
      return Specs.UNREACHABLE;
    }
  }

  private static void print(PrintWriter out, List<DeadLetterReplay.Entry> entries) {
    String row = "%-10s %-24s %-18s %-10s %-8s %-16s %-8s %s%n";
    out.printf(
        row,
        "POSITION",
        "FAILED AT",
        "TYPE",
        "CHANNEL",
        "TARGET",
        "REASON",
        "ATTEMPTS",
        "LAST ERROR");
    for (DeadLetterReplay.Entry e : entries) {
      out.printf(
          row,
          e.position(),
          e.failedAt(),
          e.notificationType(),
          e.channel(),
          e.targetId(),
          e.reason(),
          e.attempts(),
          e.lastError());
    }
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("run through picocli");
    }
    return spec;
  }
}
