package dev.notifier.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notifier.events.InvalidEventException.Reason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

  private final EventValidator validator = new EventValidator(64 * 1024);

  static List<Path> examples() {
    return ExampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyGoldenExampleOfEveryVersionStaysValid(Path example) throws Exception {
    // given a checked-in example, possibly of an older version
    byte[] raw = Files.readAllBytes(example);

    // when
    ValidatedEvent event = validator.validate(raw);

    // then it still validates, and its dataschema names its type's schema
    assertThat(event.dataschema()).isEqualTo(event.type().schemaId());
  }

  @Test
  void everyTypeHasAGoldenExample() {
    List<String> names = examples().stream().map(p -> p.getFileName().toString()).toList();
    for (EventType type : EventType.values()) {
      assertThat(names)
          .contains(type.schemaResource().substring(type.schemaResource().lastIndexOf('/') + 1));
    }
  }

  @Test
  void breakerOpenedBindsEveryField() throws Exception {
    ValidatedEvent event =
        validator.validate(ExampleEvents.read("examples/v1/circuit-breaker-opened.json"));

    assertThat(event.type()).isEqualTo(EventType.BREAKER_OPENED_V1);
    assertThat(event.subject()).isEqualTo("provider:1");
    assertThat(event.time()).isEqualTo(Instant.parse("2025-01-15T06:00:00Z"));
    assertThat(event.dataAs(BreakerOpened.class))
        .isEqualTo(
            new BreakerOpened(
                1,
                "Anthropic 官方",
                5,
                Instant.parse("2025-01-15T06:30:00Z"),
                "rate_limit_exceeded: You have exceeded your rate limit",
                BreakerSource.PROVIDER,
                null,
                null));
  }

  @Test
  void costAndUsageKeepExactDecimals() throws Exception {
    CostSnapshot cost =
        validator
            .validate(ExampleEvents.read("examples/v1/cost-snapshot.json"))
            .dataAs(CostSnapshot.class);
    UsageRecorded usage =
        validator
            .validate(ExampleEvents.read("examples/v1/usage-recorded.json"))
            .dataAs(UsageRecorded.class);

    assertThat(cost.window()).isEqualTo(CostSnapshot.Window.WEEKLY);
    assertThat(cost.currentCost()).isEqualByComparingTo("8.5");
    assertThat(usage.cost()).isEqualTo(new BigDecimal("0.012345"));
    assertThat(usage.cacheReadTokens()).isEqualTo(4096);
  }

  @Test
  void aUsageEventMayNameItsSessionAndOneWithoutStillValidates() throws Exception {
    String old =
        new String(ExampleEvents.read("examples/v1/usage-recorded.json"), StandardCharsets.UTF_8);
    String withSession =
        old.replace(
            "\"time\": \"2025-01-14T09:15:00Z\"",
            "\"time\": \"2025-01-14T09:15:00Z\", \"sessionId\": \"s-1\", \"sessionSeq\": 3");
    assertThat(withSession).isNotEqualTo(old);

    UsageRecorded without =
        validator.validate(old.getBytes(StandardCharsets.UTF_8)).dataAs(UsageRecorded.class);
    UsageRecorded with =
        validator
            .validate(withSession.getBytes(StandardCharsets.UTF_8))
            .dataAs(UsageRecorded.class);

    assertThat(without.sessionId()).isNull();
    assertThat(without.sessionSeq()).isNull();
    assertThat(with.sessionId()).isEqualTo("s-1");
    assertThat(with.sessionSeq()).isEqualTo(3);
    assertThatThrownBy(
            () ->
                validator.validate(
                    withSession
                        .replace("\"sessionSeq\": 3", "\"sessionSeq\": 0")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.getMessage()).contains("sessionSeq"));
  }

  @Test
  void aUsageEventWithoutItsOptionalCacheCountsReadsThemAsZero() throws Exception {
    String full =
        new String(ExampleEvents.read("examples/v1/usage-recorded.json"), StandardCharsets.UTF_8);
    String without =
        full.replace("\"cacheCreationTokens\": 0,", "").replace("\"cacheReadTokens\": 4096,", "");
    assertThat(without).doesNotContain("cache");

    UsageRecorded usage =
        validator.validate(without.getBytes(StandardCharsets.UTF_8)).dataAs(UsageRecorded.class);

    assertThat(usage.cacheCreationTokens()).isZero();
    assertThat(usage.cacheReadTokens()).isZero();
    assertThat(usage.inputTokens()).isEqualTo(1200);
  }

  @Test
  void malformedJsonIsNamed() {
    assertThatThrownBy(
            () -> validator.validate("{\"specversion\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON));
    assertThatThrownBy(() -> validator.validate("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
              assertThat(e.getMessage()).contains("JSON object");
            });
  }

  @Test
  void unknownTypeIsNamed() {
    String json =
        example("circuit-breaker-opened")
            .replace("llmproxy.circuit_breaker.opened.v1", "llmproxy.mystery.v9");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
              assertThat(e.getMessage()).contains("llmproxy.mystery.v9");
            });
  }

  @Test
  void aSchemaViolationNamesTheFailingField() {
    String json =
        example("circuit-breaker-opened")
            .replace("\"failureCount\": 5", "\"failureCount\": \"five\"");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
              assertThat(e.getMessage()).contains("$.data.failureCount");
            });
  }

  @Test
  void aNumberTooLargeToCompareIsARefusalNamingItsField() {
    // the schema validator itself fails on 1e400 where a minimum applies; before this was caught
    // the event went to the DLT as a processing error, not as the producer's mistake
    String json = example("usage-recorded").replace("\"userId\": 1,", "\"userId\": 1e400,");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
              assertThat(e.getMessage()).startsWith("$.data.userId: number is too large");
            });
  }

  @Test
  void aNumberBeyondWhatJacksonReadsIsMalformed() {
    String json =
        example("usage-recorded")
            .replace("\"userId\": 1,", "\"userId\": 4111E111111111111111111115,");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
              assertThat(e.getMessage()).contains("number that cannot be read");
            });
  }

  @Test
  void aMissingFieldIsNamed() {
    String json = example("cost-snapshot").replace("\"quotaLimit\": 10,", "");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.getMessage()).contains("$.data.quotaLimit: is required"));
  }

  @Test
  void anEnvelopeViolationIsNamed() {
    String json =
        example("usage-recorded")
            .replace("\"time\": \"2025-01-14T09:15:02Z\"", "\"time\": \"yesterday\"");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
              assertThat(e.getMessage()).contains("$.time");
            });
  }

  @Test
  void anEndpointBreakerNeedsItsEndpointId() {
    String json =
        example("circuit-breaker-opened")
            .replace("\"source\": \"provider\"", "\"source\": \"endpoint\"");

    assertThatThrownBy(() -> validator.validate(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.getMessage()).contains("endpointId"));
  }

  @Test
  void anEventOverTheLimitIsRefusedBeforeParsing() {
    EventValidator small = new EventValidator(100);

    assertThatThrownBy(() -> small.validate(ExampleEvents.read("examples/v1/usage-recorded.json")))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
              assertThat(e.getMessage()).contains("limit is 100");
            });
  }

  private static String example(String name) {
    return new String(ExampleEvents.read("examples/v1/" + name + ".json"), StandardCharsets.UTF_8);
  }
}
