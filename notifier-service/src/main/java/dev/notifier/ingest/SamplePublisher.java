package dev.notifier.ingest;

import dev.notifier.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The contract's example events, fresh: a new id and the current time, for {@code notifier
 * publish-samples} and {@code notifier publish --type}.
 */
public final class SamplePublisher {

  private static final Pattern ID = Pattern.compile("\"id\": \"[^\"]+\"");
  private static final Pattern SUBJECT = Pattern.compile("\"subject\": \"([^\"]+)\"");

  private SamplePublisher() {}

  /** One example event ready to publish: its key (the subject) and its JSON. */
  public record Sample(EventType type, @Nullable String key, String json) {}

  /** The example of every type, fresh; the recovery closes what the opening opened. */
  public static List<Sample> samples(Instant now) {
    List<Sample> out = new ArrayList<>();
    for (EventType type : EventType.values()) {
      String json = fresh(example(type), now);
      if (type == EventType.BREAKER_CLOSED_V1) {
        // The examples' opening is provider-wide and their closing an endpoint's; a recovery
        // only follows an alert that went out, so the sample closes what the sample opened.
        json =
            json.replace("\"source\": \"endpoint\"", "\"source\": \"provider\"")
                .replaceFirst("\"endpointId\": [0-9]+", "\"endpointId\": null")
                .replaceFirst("\"endpointUrl\": \"[^\"]+\"", "\"endpointUrl\": null");
      }
      Matcher subject = SUBJECT.matcher(json);
      out.add(new Sample(type, subject.find() ? subject.group(1) : null, json));
    }
    return out;
  }

  /** A new id (so dedupe and once-per-period rules treat it as new) and times around {@code at}. */
  public static String fresh(String json, Instant at) {
    Instant second = at.truncatedTo(ChronoUnit.SECONDS);
    String now = second.toString();
    String halfAnHourAgo = second.minus(30, ChronoUnit.MINUTES).toString();
    String inHalfAnHour = second.plus(30, ChronoUnit.MINUTES).toString();
    return ID.matcher(json)
        .replaceFirst("\"id\": \"" + UUID.randomUUID() + "\"")
        .replaceFirst("\"time\": \"[^\"]+\"", "\"time\": \"" + now + "\"")
        .replaceFirst("\"retryAt\": \"[^\"]+\"", "\"retryAt\": \"" + inHalfAnHour + "\"")
        .replaceFirst("\"periodStart\": \"[^\"]+\"", "\"periodStart\": \"" + now + "\"")
        .replaceFirst("\"openedAt\": \"[^\"]+\"", "\"openedAt\": \"" + halfAnHourAgo + "\"");
  }

  public static String example(EventType type) {
    String file = type.schemaResource().substring(type.schemaResource().lastIndexOf('/') + 1);
    try (InputStream in =
        SamplePublisher.class.getClassLoader().getResourceAsStream("examples/v1/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no example for " + type.wireName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
