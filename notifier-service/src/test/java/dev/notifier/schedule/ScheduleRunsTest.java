package dev.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.TestWorld;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finished fires are forgotten after the retention; an open claim is kept whatever its age. */
class ScheduleRunsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private final TestWorld world = new TestWorld();

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void finishedFiresOlderThanTheRetentionGo() {
    // given 12,000 sent fires from 40 days ago (more than a chunk), one from 10 days ago, and an
    // open claim from 40 days ago
    world
        .jdbc()
        .sql(
            "INSERT INTO schedule_runs (schedule_key, fire_time, status, claimed_by)"
                + " SELECT 'old', CAST(:at AS timestamptz) + i * interval '1 second', 'sent', 'a'"
                + " FROM generate_series(1, 12000) i")
        .param("at", Timestamp.from(NOW.minus(Duration.ofDays(40))))
        .update();
    run("recent", NOW.minus(Duration.ofDays(10)), "sent");
    run("open", NOW.minus(Duration.ofDays(40)), "claimed");

    // when pruned at 30 days
    long removed =
        new ScheduleRuns(world.jdbc(), world.clock()).prune(NOW.minus(Duration.ofDays(30)));

    // then
    assertThat(removed).isEqualTo(12_000);
    assertThat(
            world
                .jdbc()
                .sql("SELECT schedule_key FROM schedule_runs ORDER BY schedule_key")
                .query(String.class)
                .list())
        .containsExactly("open", "recent");
  }

  private void run(String key, Instant fire, String status) {
    world
        .jdbc()
        .sql(
            "INSERT INTO schedule_runs (schedule_key, fire_time, status, claimed_by)"
                + " VALUES (:k, :f, :s, 'a')")
        .param("k", key)
        .param("f", Timestamp.from(fire))
        .param("s", status)
        .update();
  }
}
