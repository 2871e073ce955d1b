package dev.notifier.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain reading of usage events against the schemas: on thousands of events mutated at random
 * (a fixed seed, so a failure repeats), whatever the plain reading accepts the schemas accept with
 * an equal result, and the validator as a whole answers exactly as the schemas alone do.
 */
class PlainUsageEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final EventValidator validator = new EventValidator(64 * 1024);
  private final EventValidator schemas = EventValidator.schemasOnly(64 * 1024);

  @Test
  void theExampleAndThePlainShapesProducersWriteAreReadWithoutTheSchemas() throws Exception {
    List<byte[]> plain =
        List.of(
            ExampleEvents.read("examples/v1/usage-recorded.json"),
            text(base()),
            text(minimal()),
            text(withNulls()));
    for (byte[] raw : plain) {
      ValidatedEvent read = validator.readPlain(raw);

      assertThat(read).as(new String(raw, StandardCharsets.UTF_8)).isNotNull();
      assertThat(read).isEqualTo(schemas.validate(raw));
    }
  }

  @Test
  void whatThePlainReadingAcceptsTheSchemasAcceptAlikeAndTheValidatorAnswersAsTheSchemas()
      throws Exception {
    Random random = new Random(20261206);
    int readPlain = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      List<Field> event = random.nextInt(3) == 0 ? minimal() : base();
      int mutations = 1 + random.nextInt(2);
      for (int m = 0; m < mutations; m++) {
        mutate(event, random);
      }
      byte[] raw = random.nextInt(40) == 0 ? rawMutation(text(event), random) : text(event);
      String shown = new String(raw, StandardCharsets.UTF_8);

      ValidatedEvent plain = validator.readPlain(raw);
      ValidatedEvent expected = null;
      InvalidEventException refusal = null;
      try {
        expected = schemas.validate(raw);
      } catch (InvalidEventException e) {
        refusal = e;
      }

      if (plain != null) {
        readPlain++;
        assertThat(refusal).as("the schemas refuse what the plain reading took: " + shown).isNull();
        assertThat(plain).as(shown).isEqualTo(expected);
      }
      if (refusal == null) {
        assertThat(validator.validate(raw)).as(shown).isEqualTo(expected);
      } else {
        refused++;
        InvalidEventException same =
            catchThrowableOfType(InvalidEventException.class, () -> validator.validate(raw));
        assertThat(same).as(shown).isNotNull();
        assertThat(same.reason()).isEqualTo(refusal.reason());
        assertThat(same.getMessage()).isEqualTo(refusal.getMessage());
      }
    }
    // both sides were reached often: a reader that never reads, or mutations that never break
    // anything, would prove nothing
    assertThat(readPlain).isGreaterThan(2_000);
    assertThat(refused).isGreaterThan(2_000);
  }

  /** One property as written: its name and its value's JSON text (data: a nested list). */
  private record Field(String name, String json, List<Field> nested) {
    Field(String name, String json) {
      this(name, json, List.of());
    }

    String text() {
      return quote(name) + ":" + (nested.isEmpty() ? json : object(nested));
    }
  }

  private static List<Field> base() {
    List<Field> data = new ArrayList<>();
    data.add(new Field("requestId", quote("req-1")));
    data.add(new Field("userId", "7"));
    data.add(new Field("userName", quote("张三")));
    data.add(new Field("keyId", "11"));
    data.add(new Field("keyName", quote("laptop")));
    data.add(new Field("providerId", "2"));
    data.add(new Field("providerName", quote("Anthropic 官方")));
    data.add(new Field("model", quote("claude-sonnet-4")));
    data.add(new Field("inputTokens", "1200"));
    data.add(new Field("outputTokens", "350"));
    data.add(new Field("cacheCreationTokens", "0"));
    data.add(new Field("cacheReadTokens", "4096"));
    data.add(new Field("cost", "0.012345"));
    data.add(new Field("durationMs", "2875"));
    data.add(new Field("httpStatus", "200"));
    data.add(new Field("time", quote("2025-01-14T09:15:00Z")));
    data.add(new Field("sessionId", quote("s-1")));
    data.add(new Field("sessionSeq", "3"));
    return envelope(data);
  }

  /** Only what the schemas require. */
  private static List<Field> minimal() {
    List<Field> data = new ArrayList<>();
    for (Field f : base().get(base().size() - 1).nested()) {
      if (!List.of(
              "keyId",
              "keyName",
              "cacheCreationTokens",
              "cacheReadTokens",
              "sessionId",
              "sessionSeq")
          .contains(f.name())) {
        data.add(f);
      }
    }
    List<Field> event = envelope(data);
    event.removeIf(f -> f.name().equals("dataschema"));
    return event;
  }

  private static List<Field> withNulls() {
    List<Field> event = base();
    List<Field> data = new ArrayList<>(event.remove(event.size() - 1).nested());
    data.replaceAll(
        f ->
            List.of("keyId", "keyName", "sessionId", "sessionSeq").contains(f.name())
                ? new Field(f.name(), "null")
                : f);
    event.add(new Field("data", "{}", data));
    return event;
  }

  private static List<Field> envelope(List<Field> data) {
    List<Field> event = new ArrayList<>();
    event.add(new Field("specversion", quote("1.0")));
    event.add(new Field("id", quote("u-1")));
    event.add(new Field("source", quote("/llm-proxy/requests")));
    event.add(new Field("type", quote("llmproxy.usage.recorded.v1")));
    event.add(new Field("time", quote("2025-01-14T09:15:02Z")));
    event.add(new Field("subject", quote("user:7")));
    event.add(new Field("dataschema", quote(EventType.USAGE_RECORDED_V1.schemaId())));
    event.add(new Field("data", "{}", data));
    return event;
  }

  /** Every name the reader knows, and some it does not. */
  private static final List<String> NAMES =
      java.util.stream.Stream.of(
              PlainUsageEvents.ENVELOPE,
              PlainUsageEvents.DATA,
              List.of("data_base64", "traceparent", "extra"))
          .flatMap(List::stream)
          .toList();

  private static final List<String> VALUES =
      List.of(
          "null",
          "true",
          "{}",
          "[]",
          "0",
          "-0",
          "1",
          "-1",
          "3",
          "99",
          "100",
          "599",
          "600",
          "1000000000",
          "1000000001",
          "1000000000000",
          "1000000000001",
          "2147483648",
          "9223372036854775807",
          "9223372036854775808",
          "18446744073709551616",
          "1.0",
          "1.5",
          "0.0",
          "-0.0",
          "1e-5",
          "1E+2",
          "1e9",
          "1.0000000001e9",
          "1e400",
          "0.10",
          "123.4500",
          "\"\"",
          "\"1\"",
          "\"1.0\"",
          "\"x\"",
          "\"llmproxy.usage.recorded.v1\"",
          "\"llmproxy.cost.snapshot.v1\"",
          "\"LLMPROXY.usage.recorded.v1\"",
          "\"application/json\"",
          "\"application/json; charset=utf-8\"",
          "\"text/json\"",
          "\"https://schemas.notifier.dev/v1/usage-recorded.json\"",
          "\"https://schemas.notifier.dev/v1/cost-snapshot.json\"",
          "\"e30=\"");

  private static final List<String> COSTS =
      List.of(
          "0",
          "-0",
          "0.0",
          "-0.0",
          "1.0",
          "0.10",
          "123.4500",
          "1e-5",
          "1E+2",
          "1e9",
          "1E9",
          "1000000000.0",
          "1000000000.0000001",
          "1e400",
          "-1e-400",
          "0.000000000000000000001",
          "999999999.99999999",
          "-1");

  private static final List<String> TIMES =
      List.of(
          "2025-01-14T09:15:00Z",
          "2025-01-14T09:15:00.5Z",
          "2025-01-14T09:15:00.123456789Z",
          "2025-01-14T09:15:00.1234567891Z",
          "2025-01-14T09:15:00.Z",
          "2025-01-14t09:15:00z",
          "2025-01-14T09:15:00+08:00",
          "2025-01-14T09:15:00-00:00",
          "2016-12-31T23:59:60Z",
          "2025-02-29T00:00:00Z",
          "2024-02-29T00:00:00Z",
          "2025-02-30T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "2025-13-01T00:00:00Z",
          "2025-01-14T24:00:00Z",
          "2025-01-14T23:60:00Z",
          "2025-01-14 09:15:00Z",
          "2025-01-14T09:15Z",
          "2025-1-14T09:15:00Z",
          "+2025-01-14T09:15:00Z",
          "2025-01-14T09:15:00",
          "２０２５-01-14T09:15:00Z");

  private static final List<String> SOURCES =
      List.of(
          "/a",
          "/a/b",
          "/llm-proxy/requests",
          "//a",
          "a",
          "",
          "/",
          "/a/",
          "/a//b",
          "/%20",
          "/ü",
          "/a?b",
          "/a#b",
          "https://h/x",
          "https://h",
          "https://h/",
          "https://h:80/x",
          "https://user@h/x",
          "http://",
          "urn:x",
          "1a://h/x",
          "a+b.c-d://h.example-1/x_y~z",
          "https://h/x y",
          "https://[::1]/x",
          ":a",
          "./a",
          "../a");

  private static void mutate(List<Field> event, Random random) {
    boolean inData = random.nextBoolean();
    List<Field> target = inData ? data(event) : event;
    switch (random.nextInt(14)) {
      case 12 -> set(data(event), "cost", pick(COSTS, random));
      case 13 -> set(target, "time", quote(pick(TIMES, random)));
      case 9, 10 -> java.util.Collections.shuffle(target, random);
      case 11 ->
          set(
              target,
              name(target, random),
              String.valueOf(random.nextInt(3) == 0 ? random.nextInt(700) : random.nextInt(10)));
      case 0 -> {
        if (!target.isEmpty()) {
          target.remove(random.nextInt(target.size()));
        }
      }
      case 1 -> set(target, name(target, random), pick(VALUES, random));
      case 2 -> set(target, name(target, random), quote(pick(TIMES, random)));
      case 3 -> set(target, "source", quote(pick(SOURCES, random)));
      case 4 -> set(target, name(target, random), quote(string(random)));
      case 5 -> {
        // a repeated property, as a second copy with another value
        if (!target.isEmpty()) {
          Field f = target.get(random.nextInt(target.size()));
          target.add(new Field(f.name(), pick(VALUES, random)));
        }
      }
      case 6 -> {
        // data before the type
        int at = indexOf(event, "data");
        if (at >= 0) {
          event.add(0, event.remove(at));
        }
      }
      case 7 -> set(target, name(target, random), String.valueOf(random.nextLong()));
      default -> set(target, name(target, random), quote(pick(TIMES, random).substring(0, 10)));
    }
  }

  /** A string at or either side of a length limit, ASCII or with characters beyond the BMP. */
  private static String string(Random random) {
    int[] limits = {1, 128, 200, 256, 512};
    int length = limits[random.nextInt(limits.length)] + random.nextInt(3) - 1;
    String unit = random.nextBoolean() ? "a" : (random.nextBoolean() ? "😀" : "é");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(unit);
    }
    return s.toString();
  }

  private static byte[] rawMutation(byte[] raw, Random random) {
    String s = new String(raw, StandardCharsets.UTF_8);
    String changed =
        switch (random.nextInt(4)) {
          case 0 -> s + " {}";
          case 1 -> s.substring(0, random.nextInt(s.length()));
          case 2 -> "[" + s + "]";
          default -> s.replaceFirst(",", ",,");
        };
    return changed.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Field> data(List<Field> event) {
    int at = indexOf(event, "data");
    if (at < 0 || event.get(at).nested().isEmpty()) {
      return event;
    }
    List<Field> data = new ArrayList<>(event.get(at).nested());
    event.set(at, new Field("data", "{}", data));
    return data;
  }

  private static void set(List<Field> target, String name, String json) {
    int at = indexOf(target, name);
    if (at >= 0) {
      target.set(at, new Field(name, json));
    } else {
      target.add(new Field(name, json));
    }
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Half the time a property the event has, so that edge values land where they count. */
  private static String name(List<Field> target, Random random) {
    return random.nextBoolean() && !target.isEmpty()
        ? target.get(random.nextInt(target.size())).name()
        : pick(NAMES, random);
  }

  private static String pick(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static byte[] text(List<Field> event) {
    return object(event).getBytes(StandardCharsets.UTF_8);
  }

  private static String object(List<Field> fields) {
    return fields.stream().map(Field::text).collect(Collectors.joining(",", "{", "}"));
  }

  private static String quote(String s) {
    return JSON.writeValueAsString(s);
  }
}
