package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * The rounds a task has failed, read from the retry topics' attempts header in either form they
 * have written it (a four-byte integer, or a minimal big-endian one).
 */
class FailedRoundsTest {

  private static ConsumerRecord<String, byte[]> record(byte[]... attempts) {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("notifier.deliveries-retry-1", 0, 0, "7", new byte[0]);
    for (byte[] a : attempts) {
      record.headers().add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, a);
    }
    return record;
  }

  @Test
  void offTheDeliveriesTopicNoRoundHasFailed() {
    assertThat(DeliveriesListener.failedRounds(record())).isZero();
    assertThat(DeliveriesListener.failedRounds(record(new byte[0]))).isZero();
  }

  @Test
  void onARetryTopicTheRoundsFailedAreOneFewerThanTheAttempt() {
    assertThat(DeliveriesListener.failedRounds(record(ByteBuffer.allocate(4).putInt(3).array())))
        .isEqualTo(2);
    assertThat(DeliveriesListener.failedRounds(record(BigInteger.valueOf(4).toByteArray())))
        .isEqualTo(3);
  }

  @Test
  void theLastHeaderCountsWhenEachHopAddedOne() {
    assertThat(
            DeliveriesListener.failedRounds(
                record(BigInteger.TWO.toByteArray(), BigInteger.valueOf(3).toByteArray())))
        .isEqualTo(2);
  }
}
