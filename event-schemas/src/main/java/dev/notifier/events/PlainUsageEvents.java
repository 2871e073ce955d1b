package dev.notifier.events;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the busiest event in its plain form without the schema validator: a structured-mode usage
 * event whose every attribute and field is one the schemas name, each checked here as the schemas
 * state it, streamed straight into its record. Anything less plain returns null and the schemas
 * decide (and explain): an unknown or repeated property, an extension attribute, {@code
 * data_base64}, data before the type, a number written as a float where an integer is due, a
 * date-time other than {@code yyyy-MM-ddTHH:mm:ss[.f]Z}, a source other than a path or a {@code
 * scheme://host/path}, a string longer in UTF-16 units than its limit in code points.
 *
 * <p>Why: at 20,000 usage events/s validation made 60 % of the service's garbage (JFR: 34 % in the
 * schema validator, which keeps a path object per keyword evaluated; the rest in the JSON tree,
 * binding it and parsing each date-time twice), and the collections it caused held the rate down.
 * This reads an event in ~1.5 µs against ~8 µs, with a fraction of the garbage. It may only ever
 * accept what the schemas accept, with the same result: {@code PlainUsageEventsTest} compares both
 * on thousands of mutated events.
 */
final class PlainUsageEvents {

  private static final String TYPE = EventType.USAGE_RECORDED_V1.wireName();

  /** The one dataschema read here: the usage schema's own (the examples carry it). */
  private static final String SCHEMA_ID = EventType.USAGE_RECORDED_V1.schemaId();

  private static final long MAX_TOKENS = 1_000_000_000_000L;
  private static final long MAX_SMALL = 1_000_000_000L;
  private static final BigDecimal MAX_COST = BigDecimal.valueOf(1_000_000_000L);

  static final List<String> ENVELOPE =
      List.of(
          "specversion",
          "id",
          "source",
          "type",
          "time",
          "subject",
          "dataschema",
          "datacontenttype",
          "data");
  // the envelope schema's required attributes, and data (its data_base64 is not read here)
  private static final int ENVELOPE_REQUIRED =
      bits(ENVELOPE, "specversion", "id", "source", "type", "time", "subject", "data");
  static final List<String> DATA =
      List.of(
          "requestId",
          "userId",
          "userName",
          "keyId",
          "keyName",
          "providerId",
          "providerName",
          "model",
          "inputTokens",
          "outputTokens",
          "cacheCreationTokens",
          "cacheReadTokens",
          "cost",
          "durationMs",
          "httpStatus",
          "time",
          "sessionId",
          "sessionSeq");
  private static final int TYPE_SEEN = bits(ENVELOPE, "type");

  // the usage schema's required fields
  private static final int DATA_REQUIRED =
      bits(
          DATA,
          "requestId",
          "userId",
          "userName",
          "providerId",
          "providerName",
          "model",
          "inputTokens",
          "outputTokens",
          "cost",
          "durationMs",
          "httpStatus",
          "time");

  /** Thrown to give up on the plain reading; no stack trace, it is not an error. */
  private static final class NotPlain extends RuntimeException {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private final JsonMapper mapper;

  PlainUsageEvents(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** The event, when {@code raw} is a plain usage event the schemas accept; else null. */
  @Nullable ValidatedEvent read(byte[] raw) {
    try (JsonParser p = mapper.createParser(raw)) {
      return envelope(p);
    } catch (NotPlain
        | JacksonException
        | DateTimeException
        | ArithmeticException
        | NumberFormatException e) {
      // not plain, or not even JSON: the schemas' reading says what is wrong
      return null;
    }
  }

  private static ValidatedEvent envelope(JsonParser p) {
    expect(p.nextToken() == JsonToken.START_OBJECT);
    String id = null;
    String source = null;
    String subject = null;
    String dataschema = null;
    Instant time = null;
    UsageRecorded data = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      seen = once(ENVELOPE, name, seen);
      JsonToken v = p.nextToken();
      switch (name) {
        case "specversion" -> expect("1.0".equals(string(p, v, 3)));
        case "id" -> id = string(p, v, 256);
        case "source" -> source = source(string(p, v, 512));
        case "type" -> expect(TYPE.equals(string(p, v, 128)));
        case "time" -> time = instant(string(p, v, 40));
        case "subject" -> subject = string(p, v, 256);
        case "dataschema" -> dataschema = expectEqual(SCHEMA_ID, string(p, v, SCHEMA_ID.length()));
        case "datacontenttype" -> expectEqual("application/json", string(p, v, 16));
        default -> {
          // data names the type first: a reader cannot check data against a type not yet known
          expect((seen & TYPE_SEEN) != 0);
          data = data(p, v);
        }
      }
    }
    expect(t == JsonToken.END_OBJECT && p.nextToken() == null);
    expect((seen & ENVELOPE_REQUIRED) == ENVELOPE_REQUIRED);
    return new ValidatedEvent(
        id, source, EventType.USAGE_RECORDED_V1, time, subject, dataschema, data);
  }

  private static UsageRecorded data(JsonParser p, JsonToken start) {
    expect(start == JsonToken.START_OBJECT);
    String requestId = null;
    String userName = null;
    String keyName = null;
    String providerName = null;
    String model = null;
    String sessionId = null;
    long userId = 0;
    long providerId = 0;
    long input = 0;
    long output = 0;
    long cacheCreation = 0;
    long cacheRead = 0;
    long durationMs = 0;
    int httpStatus = 0;
    Long keyId = null;
    Integer sessionSeq = null;
    BigDecimal cost = null;
    Instant time = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      seen = once(DATA, name, seen);
      JsonToken v = p.nextToken();
      boolean isNull = v == JsonToken.VALUE_NULL;
      switch (name) {
        case "requestId" -> requestId = string(p, v, 128);
        case "userId" -> userId = integer(p, v, 0, Long.MAX_VALUE);
        case "userName" -> userName = string(p, v, 200);
        case "keyId" -> keyId = isNull ? null : integer(p, v, 0, Long.MAX_VALUE);
        case "keyName" -> keyName = isNull ? null : string(p, v, 0, 200);
        case "providerId" -> providerId = integer(p, v, 0, Long.MAX_VALUE);
        case "providerName" -> providerName = string(p, v, 200);
        case "model" -> model = string(p, v, 200);
        case "inputTokens" -> input = integer(p, v, 0, MAX_TOKENS);
        case "outputTokens" -> output = integer(p, v, 0, MAX_TOKENS);
        case "cacheCreationTokens" -> cacheCreation = integer(p, v, 0, MAX_TOKENS);
        case "cacheReadTokens" -> cacheRead = integer(p, v, 0, MAX_TOKENS);
        case "cost" -> cost = cost(p, v);
        case "durationMs" -> durationMs = integer(p, v, 0, MAX_SMALL);
        case "httpStatus" -> httpStatus = (int) integer(p, v, 100, 599);
        case "time" -> time = instant(string(p, v, 40));
        case "sessionId" -> sessionId = isNull ? null : string(p, v, 128);
        default -> sessionSeq = isNull ? null : (int) integer(p, v, 1, MAX_SMALL);
      }
    }
    expect((seen & DATA_REQUIRED) == DATA_REQUIRED);
    return new UsageRecorded(
        requestId,
        userId,
        userName,
        keyId,
        keyName,
        providerId,
        providerName,
        model,
        input,
        output,
        cacheCreation,
        cacheRead,
        cost,
        durationMs,
        httpStatus,
        time,
        sessionId,
        sessionSeq);
  }

  /**
   * {@code seen} with the bit of {@code name} set; not plain when the name is not one of {@code
   * names} (so the switches' defaults are the last name) or was seen before.
   */
  private static int once(List<String> names, String name, int seen) {
    int at = names.indexOf(name);
    expect(at >= 0 && (seen & (1 << at)) == 0);
    return seen | 1 << at;
  }

  /** One bit per name, by its place in {@code names}; none for a name not there. */
  private static int bits(List<String> names, String... of) {
    int bits = 0;
    for (String name : of) {
      int at = names.indexOf(name);
      bits |= at < 0 ? 0 : 1 << at;
    }
    return bits;
  }

  /** A string of 1 to {@code max} characters. */
  private static String string(JsonParser p, JsonToken v, int max) {
    return string(p, v, 1, max);
  }

  /**
   * A string whose length in UTF-16 units is within bounds: the schemas count code points, never
   * more than UTF-16 units, so this never lets a too-long string through (it may send a long one
   * with surrogate pairs to the schemas, which decide).
   */
  private static String string(JsonParser p, JsonToken v, int min, int max) {
    expect(v == JsonToken.VALUE_STRING);
    String s = p.getString();
    expect(s.length() >= min && s.length() <= max);
    return s;
  }

  private static long integer(JsonParser p, JsonToken v, long min, long max) {
    expect(
        v == JsonToken.VALUE_NUMBER_INT
            && (p.getNumberType() == JsonParser.NumberType.INT
                || p.getNumberType() == JsonParser.NumberType.LONG));
    long n = p.getLongValue();
    expect(n >= min && n <= max);
    return n;
  }

  private static BigDecimal cost(JsonParser p, JsonToken v) {
    expect(v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT);
    BigDecimal cost = p.getDecimalValue();
    expect(cost.signum() >= 0 && cost.compareTo(MAX_COST) <= 0);
    return cost;
  }

  /** {@code /a/b} or {@code scheme://host/a/b}: always a URI reference, read alike everywhere. */
  private static String source(String s) {
    int i = 0;
    int scheme = s.indexOf("://");
    if (scheme > 0) {
      expect(isLetter(s.charAt(0)));
      for (; i < scheme; i++) {
        char c = s.charAt(i);
        expect(isLetter(c) || isDigit(c) || c == '+' || c == '.' || c == '-');
      }
      i = scheme + 3;
      int host = i;
      for (; i < s.length() && s.charAt(i) != '/'; i++) {
        char c = s.charAt(i);
        expect(isLetter(c) || isDigit(c) || c == '.' || c == '-');
      }
      expect(i > host);
    }
    // then path segments, each non-empty
    expect(i < s.length() || scheme > 0);
    while (i < s.length()) {
      expect(s.charAt(i) == '/');
      int start = ++i;
      for (; i < s.length() && s.charAt(i) != '/'; i++) {
        char c = s.charAt(i);
        expect(isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_' || c == '~');
      }
      expect(i > start);
    }
    return s;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; an invalid date or time throws. */
  private static Instant instant(String s) {
    int n = s.length();
    expect(
        n >= 20
            && n != 21
            && n <= 30
            && s.charAt(4) == '-'
            && s.charAt(7) == '-'
            && s.charAt(10) == 'T'
            && s.charAt(13) == ':'
            && s.charAt(16) == ':'
            && s.charAt(n - 1) == 'Z');
    int nanos = 0;
    if (n > 20) {
      expect(s.charAt(19) == '.');
      nanos = digits(s, 20, n - 1);
      for (int pad = n - 21; pad < 9; pad++) {
        nanos *= 10;
      }
    }
    return LocalDateTime.of(
            digits(s, 0, 4),
            digits(s, 5, 7),
            digits(s, 8, 10),
            digits(s, 11, 13),
            digits(s, 14, 16),
            digits(s, 17, 19),
            nanos)
        .toInstant(ZoneOffset.UTC);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      expect(isDigit(c));
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String expectEqual(String expected, String actual) {
    expect(expected.equals(actual));
    return actual;
  }

  private static void expect(boolean plain) {
    if (!plain) {
      throw NOT_PLAIN;
    }
  }
}
