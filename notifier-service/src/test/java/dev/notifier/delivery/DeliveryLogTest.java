package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.channel.FailureReason;
import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.testing.TestWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The delivery log against a real PostgreSQL: what a pair's row says after each kind of write. */
class DeliveryLogTest {

  private final TestWorld world = new TestWorld();
  private final DeliveryLog log =
      new DeliveryLog(
          world.jdbc(), new NamedParameterJdbcTemplate(world.dataSource()), world.clock());
  private final DeliveryTask task =
      new DeliveryTask(
          "n-1",
          NotificationType.CIRCUIT_BREAKER,
          7,
          Instant.parse("2025-01-15T06:00:00Z"),
          new Message("t", Level.INFO, List.of(), "f", Map.of()));

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void attemptsAreKeptWithTheDeliveryAndForgottenAfterTheRetention() {
    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    Deliverer.Attempt old =
        new Deliverer.Attempt(
            now.minus(java.time.Duration.ofDays(31)),
            80,
            DeliveryStatus.FAILED,
            FailureReason.TIMEOUT,
            "x");
    Deliverer.Attempt recent = new Deliverer.Attempt(now, 12, DeliveryStatus.DELIVERED, null, null);
    log.recordDelivered(
        List.of(
            new DeliveryLog.Delivered(
                task, "webhook", 2, 92, List.of(old, recent), new CompletableFuture<>())));
    assertThat(
            world.jdbc().sql("SELECT count(*) FROM delivery_attempts").query(Long.class).single())
        .isEqualTo(2);

    assertThat(log.pruneAttempts(now.minus(java.time.Duration.ofDays(30)))).isEqualTo(1);
    assertThat(world.jdbc().sql("SELECT outcome FROM delivery_attempts").query(String.class).list())
        .containsExactly("delivered");
  }

  @Test
  void aBatchWritesEveryRowAndAttemptEvenWithAPairTwiceAndAnEarlierFailure() {
    Instant at = Instant.parse("2026-12-06T12:00:00.123456Z");
    DeliveryTask other =
        new DeliveryTask(
            "n-2",
            NotificationType.COST_ALERT,
            8,
            at,
            new Message("t", Level.INFO, List.of(), "f", Map.of()));
    log.record(task, "webhook", DeliveryStatus.FAILED, 2, "timeout", "slow", null);
    Deliverer.Attempt ok = new Deliverer.Attempt(at, 12, DeliveryStatus.DELIVERED, null, null);
    log.recordDelivered(
        List.of(
            new DeliveryLog.Delivered(
                task, "webhook", 1, 12, List.of(ok), new CompletableFuture<>()),
            new DeliveryLog.Delivered(
                other, "wecom", 1, 30, List.of(ok), new CompletableFuture<>()),
            new DeliveryLog.Delivered(
                task, "webhook", 1, 15, List.of(ok), new CompletableFuture<>())));

    assertThat(
            world
                .jdbc()
                .sql(
                    "SELECT target_id || '/' || notification_type || '/' || status || '/' || attempts"
                        + " || '/' || coalesce(reason, '-') || '/' || latency_ms FROM delivery_log"
                        + " ORDER BY target_id")
                .query(String.class)
                .list())
        .containsExactly("7/circuit_breaker/delivered/4/-/15", "8/cost_alert/delivered/1/-/30");
    assertThat(
            world
                .jdbc()
                .sql("SELECT target_id, at FROM delivery_attempts ORDER BY target_id")
                .query((rs, i) -> rs.getLong(1) + "@" + rs.getTimestamp(2).toInstant())
                .list())
        .containsExactly(
            "7@2026-12-06T12:00:00.123456Z",
            "7@2026-12-06T12:00:00.123456Z",
            "8@2026-12-06T12:00:00.123456Z");
  }

  @Test
  void aDeliveredPairStaysDeliveredWhateverIsRecordedAfter() {
    // a delivery held while in flight: its row written, and the hold recorded a moment later
    log.recordDelivered(
        List.of(
            new DeliveryLog.Delivered(
                task, "webhook", 1, 12, List.of(), new CompletableFuture<>())));
    log.record(task, "webhook", DeliveryStatus.HELD, 0, "lane_busy", null, null);

    assertThat(log.isDelivered("n-1", 7)).isTrue();
    assertThat(
            world
                .jdbc()
                .sql("SELECT status || '/' || attempts FROM delivery_log")
                .query(String.class)
                .single())
        .isEqualTo("delivered/1");
  }

  @Test
  void aFailedPairBecomesDeliveredWhenARetryGetsThrough() {
    log.record(task, "webhook", DeliveryStatus.FAILED, 4, "server_error", "HTTP 503", null);
    log.recordDelivered(
        List.of(
            new DeliveryLog.Delivered(
                task, "webhook", 1, 12, List.of(), new CompletableFuture<>())));

    assertThat(log.isDelivered("n-1", 7)).isTrue();
  }
}
