package dev.notifier.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notifier.testing.TestWorld;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request ids and roll-ups are forgotten after their retention, in chunks, and not before. */
class UsageRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void whatIsOlderThanItsRetentionGoesTheRestStays() {
    // given 25,000 ids older than 30 days (more than one chunk), one just inside, and roll-ups
    // on both sides of 400 days
    world
        .jdbc()
        .sql(
            "INSERT INTO usage_seen (request_id, seen_at)"
                + " SELECT 'old-' || i, :at FROM generate_series(1, 25000) i")
        .param("at", Timestamp.from(NOW.minus(Duration.ofDays(31))))
        .update();
    seen("recent", NOW.minus(Duration.ofDays(29)));
    rollup(NOW.minus(Duration.ofDays(401)), 1);
    rollup(NOW.minus(Duration.ofDays(399)), 2);
    // and cache roll-ups on both sides of 32 days, sessions on both sides of two idle days
    cache(NOW.minus(Duration.ofDays(33)), "old");
    cache(NOW.minus(Duration.ofDays(31)), "kept");
    session("idle", NOW.minus(Duration.ofDays(3)));
    session("active", NOW.minus(Duration.ofHours(1)));
    UsageRetention retention =
        new UsageRetention(
            world.jdbc(),
            new UsageProperties(
                1000,
                Duration.ofMillis(20),
                Duration.ofDays(30),
                Duration.ofDays(400),
                Duration.ofHours(1),
                Duration.ofSeconds(10)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    // when
    long removed = retention.prune();

    // then
    assertThat(removed).isEqualTo(25_003);
    assertThat(world.jdbc().sql("SELECT model FROM usage_cache_5m").query(String.class).list())
        .containsExactly("kept");
    assertThat(world.jdbc().sql("SELECT session_id FROM usage_sessions").query(String.class).list())
        .containsExactly("active");
    assertThat(world.jdbc().sql("SELECT request_id FROM usage_seen").query(String.class).list())
        .containsExactly("recent");
    assertThat(world.jdbc().sql("SELECT user_id FROM usage_hourly").query(Long.class).list())
        .containsExactly(2L);
  }

  @Test
  void aSeenRetentionShorterThanAReplayWindowIsRefused() {
    assertThatThrownBy(
            () ->
                new UsageProperties(
                    1000,
                    Duration.ofMillis(20),
                    Duration.ofDays(2),
                    Duration.ofDays(400),
                    Duration.ofHours(1),
                    Duration.ofSeconds(10)))
        .hasMessageContaining("notifier.usage.seen-retention");
  }

  private void seen(String id, Instant at) {
    world
        .jdbc()
        .sql("INSERT INTO usage_seen (request_id, seen_at) VALUES (:id, :at)")
        .param("id", id)
        .param("at", Timestamp.from(at))
        .update();
  }

  private void cache(Instant bucket, String model) {
    world
        .jdbc()
        .sql("INSERT INTO usage_cache_5m VALUES (:b, 1, :m, 'p', 1, 0, 0, 0, 0, 0, 0, 0, 0)")
        .param("b", Timestamp.from(bucket))
        .param("m", model)
        .update();
  }

  private void session(String id, Instant at) {
    world
        .jdbc()
        .sql("INSERT INTO usage_sessions (session_id, last_seq, last_at) VALUES (:id, 1, :at)")
        .param("id", id)
        .param("at", Timestamp.from(at))
        .update();
  }

  private void rollup(Instant hour, long user) {
    world
        .jdbc()
        .sql(
            "INSERT INTO usage_hourly (hour, user_id, user_name, provider_id, model)"
                + " VALUES (:h, :u, 'u', 1, 'm')")
        .param("h", Timestamp.from(hour))
        .param("u", user)
        .update();
  }
}
