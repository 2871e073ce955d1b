package dev.notifier.cli;

import dev.notifier.base.Topics;
import dev.notifier.events.EventType;
import dev.notifier.events.EventValidator;
import dev.notifier.events.InvalidEventException;
import dev.notifier.events.ValidatedEvent;
import dev.notifier.ingest.SamplePublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code notifier publish}: one event, from a file, stdin or flags, checked against the schemas
 * before anything is sent, published with its subject as the key, as an upstream producer would.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes one event to the events topic, checked against the schemas first.",
      "From a file (--file FILE, or --file - for stdin), or built from the contract's example of"
          + " --type with the flags given and a fresh id and time."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published",
      "1:the event is invalid (nothing was sent)",
      "2:wrong arguments",
      "3:the broker could not be reached or refused it"
    })
final class PublishCommand implements Callable<Integer> {

  static final int INVALID = 1;
  static final int UNREACHABLE = Specs.UNREACHABLE;

  private static final Map<String, EventType> TYPES =
      Map.of(
          "breaker-opened", EventType.BREAKER_OPENED_V1,
          "breaker-closed", EventType.BREAKER_CLOSED_V1,
          "cost-snapshot", EventType.COST_SNAPSHOT_V1,
          "usage", EventType.USAGE_RECORDED_V1);

  @Spec @Nullable CommandSpec spec;

  @Option(names = "--file", paramLabel = "FILE", description = "the event as JSON; - for stdin")
  @Nullable String file;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "breaker-opened, breaker-closed, cost-snapshot or usage")
  @Nullable String type;

  @Option(names = "--provider", paramLabel = "ID", description = "the provider's id")
  @Nullable Long provider;

  @Option(names = "--provider-name", paramLabel = "NAME", description = "the provider's name")
  @Nullable String providerName;

  @Option(names = "--failures", paramLabel = "N", description = "breaker-opened: failure count")
  @Nullable Integer failures;

  @Option(names = "--user", paramLabel = "ID", description = "cost-snapshot, usage: the user")
  @Nullable Long user;

  @Option(names = "--cost", paramLabel = "USD", description = "cost-snapshot: spent so far")
  @Nullable Double cost;

  @Option(names = "--quota", paramLabel = "USD", description = "cost-snapshot: the quota")
  @Nullable Double quota;

  @Option(names = "--model", paramLabel = "NAME", description = "usage: the model")
  @Nullable String model;

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    if ((file == null) == (type == null)) {
      err.println("publish: give --file or --type (one of them)");
      return 2;
    }
    byte[] event;
    try {
      event = file != null ? read(file) : fromFlags(TYPES.get(type));
    } catch (IllegalArgumentException | IOException e) {
      err.println("publish: " + e.getMessage());
      return 2;
    }
    ValidatedEvent valid;
    try {
      valid = new EventValidator(1 << 20).validate(event);
    } catch (InvalidEventException e) {
      err.println("publish: invalid event, nothing sent: " + e.getMessage());
      return INVALID;
    }
    try (ConfigurableApplicationContext context = kafka.start(Map.of());
        Producer<Object, Object> producer =
            context.getBean(ProducerFactory.class).createProducer()) {
      String topic = context.getBean(Topics.class).events();
      RecordMetadata sent =
          producer
              .send(new ProducerRecord<>(topic, valid.subject(), event))
              .get(30, TimeUnit.SECONDS);
      out.printf(
          "published %s %s to %s (partition %d, offset %d, key %s)%n",
          valid.type().wireName(),
          valid.id(),
          topic,
          sent.partition(),
          sent.offset(),
          valid.subject());
      return 0;
    } catch (Exception e) {
      err.println("publish: the broker could not take it: " + e);
      return UNREACHABLE;
    }
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("run through picocli");
    }
    return spec;
  }

  private byte[] read(String from) throws IOException {
    if (from.equals("-")) {
      InputStream in = System.in;
      return in.readAllBytes();
    }
    return Files.readAllBytes(Path.of(from));
  }

  /** The example of {@code eventType}, fresh, with the flags put in. */
  private byte[] fromFlags(@Nullable EventType eventType) {
    if (eventType == null) {
      throw new IllegalArgumentException(
          "--type must be one of " + String.join(", ", TYPES.keySet().stream().sorted().toList()));
    }
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root =
        (ObjectNode)
            json.readTree(
                SamplePublisher.fresh(SamplePublisher.example(eventType), Operator.now()));
    ObjectNode data = (ObjectNode) root.get("data");
    if (provider != null) {
      data.put("providerId", provider);
      if (root.get("subject").asString().startsWith("provider:")) {
        root.put("subject", "provider:" + provider);
      }
    }
    if (providerName != null) {
      data.put("providerName", providerName);
    }
    if (failures != null) {
      data.put("failureCount", failures);
    }
    if (user != null) {
      if (data.has("userId")) {
        data.put("userId", user);
      } else {
        data.put("targetId", user);
      }
      root.put("subject", "user:" + user);
    }
    if (cost != null) {
      data.put("currentCost", cost);
    }
    if (quota != null) {
      data.put("quotaLimit", quota);
    }
    if (model != null) {
      data.put("model", model);
    }
    if (eventType == EventType.USAGE_RECORDED_V1) {
      data.put("requestId", "cli-" + java.util.UUID.randomUUID());
    }
    return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }
}
