package dev.notifier.delivery;

import dev.notifier.channel.FailureReason;
import dev.notifier.channel.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;

/**
 * The headers every dead letter of a delivery carries, whoever dead-letters it (the retry topics'
 * recoverer, or the digest sender for held deliveries): reason, attempts, channel, target, the
 * redacted last error and when it failed.
 */
final class DeadLetterHeaders {

  private DeadLetterHeaders() {}

  static Headers of(@Nullable Object targetKey, Throwable error, Instant failedAt) {
    Headers headers = new RecordHeaders();
    DeliveryFailedException failure = find(error);
    if (failure != null) {
      add(headers, DeliveryHeaders.REASON, failure.reason().label());
      add(headers, DeliveryHeaders.ATTEMPTS, String.valueOf(failure.attempts()));
      add(headers, DeliveryHeaders.CHANNEL, failure.channel());
      add(
          headers,
          DeliveryHeaders.DETAIL,
          Redaction.scrub(String.valueOf(failure.getMessage()), List.of()));
    } else {
      // only a bug gets here: the delivery stage turns every failure it meets into one of ours
      add(headers, DeliveryHeaders.REASON, FailureReason.INTERNAL_ERROR.label());
      add(
          headers,
          DeliveryHeaders.DETAIL,
          Redaction.scrub(String.valueOf(error.getMessage()), List.of()));
    }
    if (targetKey != null) {
      add(headers, DeliveryHeaders.TARGET_ID, String.valueOf(targetKey));
    }
    add(headers, DeliveryHeaders.FAILED_AT, failedAt.toString());
    return headers;
  }

  /**
   * Adds the header as the only one of its name: a record that went through the retry topics, or
   * that carried the same header from the fan-out, would otherwise reach the DLT with every earlier
   * value too. ({@link SingleRecordHeader} is how the recoverer is told to replace, not append.)
   */
  static void add(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(new SingleRecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  private static @Nullable DeliveryFailedException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DeliveryFailedException d) {
        return d;
      }
    }
    return null;
  }
}
