package dev.notifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any record value with any headers either becomes an event whose message renders, or is refused
 * with a reason the dead-letter topic can carry; nothing else (no other exception, no hang).
 */
class EventIngestFuzzTest {

  private static final EventValidator VALIDATOR = new EventValidator(65_536);
  private static final EventValidator SCHEMAS = EventValidator.schemasOnly(65_536);
  private static final Presentation P = Presentation.of("zh-CN", "Asia/Shanghai");

  /**
   * The input's first line holds record headers as {@code name=value;...} (so both CloudEvents
   * modes are reached), the rest is the record's value; the seeds are the contract's examples.
   */
  @FuzzTest(maxDuration = "10s")
  void anyRecordIsAnEventOrARefusalWithAReason(byte[] input) {
    int newline = indexOf(input, (byte) '\n');
    Map<String, String> headers = new LinkedHashMap<>();
    if (newline > 0) {
      for (String pair : new String(input, 0, newline, StandardCharsets.UTF_8).split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          headers.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    byte[] value = Arrays.copyOfRange(input, newline + 1, input.length);
    // the validator answers as the schemas alone do, whatever shortcut it takes (plain usage
    // events are read without the schema validator)
    assertThat(outcome(VALIDATOR, value, headers)).isEqualTo(outcome(SCHEMAS, value, headers));
    ValidatedEvent event;
    try {
      event = VALIDATOR.validate(value, headers);
    } catch (InvalidEventException refused) {
      assertThat(refused.reason()).isNotNull();
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    Message message =
        switch (event.type()) {
          case BREAKER_OPENED_V1 ->
              BreakerMessages.opened(event.dataAs(BreakerOpened.class), event.time(), P);
          case BREAKER_CLOSED_V1 ->
              BreakerMessages.closed(event.dataAs(BreakerClosed.class), event.time(), P);
          case COST_SNAPSHOT_V1 ->
              CostMessages.alert(
                  event.dataAs(CostSnapshot.class), event.time(), P, java.math.BigDecimal.ONE);
          case USAGE_RECORDED_V1 -> null;
        };
    if (message != null) {
      assertThat(message.title()).isNotBlank();
    }
  }

  private static Object outcome(
      EventValidator validator, byte[] value, Map<String, String> headers) {
    try {
      return validator.validate(value, headers);
    } catch (InvalidEventException refused) {
      return refused.reason() + ": " + refused.getMessage();
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
