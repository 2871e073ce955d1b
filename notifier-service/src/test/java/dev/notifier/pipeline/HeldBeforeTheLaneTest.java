package dev.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.notifier.testing.ChatStandIn;
import dev.notifier.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task for a target that already has held deliveries is held as it comes off the topic, before
 * its target's lane: the lane may be busy for minutes with a digest of the held ones to a receiver
 * that never answers (timeouts and retries), and a task queued behind it would hold its partition,
 * and every other target's deliveries on it, for that long.
 */
class HeldBeforeTheLaneTest {

  private final TestWorld world = new TestWorld();
  private final ChatStandIn healthy = new ChatStandIn();
  private final ChatStandIn hanging = new ChatStandIn();

  @AfterEach
  void tearDown() {
    world.close();
    healthy.close();
    hanging.close();
  }

  @Test
  void aTaskForATargetWhoseDigestIsSendingIsHeldAtOnce() {
    hanging.respondAfter(Duration.ofSeconds(60), ChatStandIn.WECOM_OK);
    world.bindTarget(
        "healthy", "wecom", healthy.url("/cgi-bin/webhook/send?key=h"), "circuit_breaker");
    long stuck =
        world.bindTarget(
            "hanging", "wecom", hanging.url("/cgi-bin/webhook/send?key=x"), "circuit_breaker");
    world
        .jdbc()
        .sql("UPDATE webhook_targets SET config = CAST('{\"rateLimits\": []}' AS jsonb)")
        .update();
    // a delivery held earlier for the hanging chat, due now: the first digest goes to it
    world
        .jdbc()
        .sql(
            """
            INSERT INTO held_deliveries (notification_id, target_id, task, held_at, not_before)
            VALUES ('held-0', :t, :task, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')""")
        .param("t", stuck)
        .param(
            "task",
            """
            {"notificationId": "held-0", "notificationType": "circuit_breaker", "targetId": %d,
             "createdAt": "2000-01-01T00:00:00Z",
             "message": {"title": "held", "level": "ERROR", "blocks": [], "footer": "f",
                         "variables": {}, "charts": []}}"""
                .formatted(stuck))
        .update();
    // the digest's request hangs for 20 s, longer than the 12 s bound below; the lane's queue
    // budget is longer still
    world.start(
        Map.of(
            "notifier.delivery.lane-queue-budget", "30s",
            "notifier.channels.request-timeout", "20s",
            "notifier.delivery.retry.attempts", "1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !hanging.all().isEmpty());

    world.publishEvent("provider:1", Examples.breakerOpened(1));

    // held within seconds, while the digest still hangs; queued in the lane, it would have waited
    // for the digest's 20 s (or the queue budget's 30 s)
    await()
        .atMost(Duration.ofSeconds(12))
        .until(
            () ->
                world
                        .jdbc()
                        .sql(
                            "SELECT count(*) FROM delivery_log WHERE target_id = :t"
                                + " AND notification_id <> 'held-0' AND status = 'held'")
                        .param("t", stuck)
                        .query(Long.class)
                        .single()
                    == 1);
    await().atMost(Duration.ofSeconds(12)).until(() -> healthy.accepted().size() == 1);
    assertThat(hanging.all()).hasSize(1);
  }
}
