package dev.notifier.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.base.Faults;
import dev.notifier.base.Outages;
import dev.notifier.events.UsageRecorded;
import dev.notifier.testing.TestWorld;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What becomes of one usage event does not depend on what else is in its batch: a name PostgreSQL
 * cannot store is refused even when a later event of the same roll-up row would have replaced it.
 */
class UsageBatchesTest {

  private final TestWorld world = new TestWorld();
  private final UsageBatches batches =
      new UsageBatches(
          new UsageRollups(
              new JdbcTemplate(world.dataSource()),
              new CacheRollups(new JdbcTemplate(world.dataSource()), () -> Duration.ofMinutes(5)),
              world.clock()),
          new UsageProperties(
              1000,
              Duration.ofSeconds(5),
              Duration.ofDays(30),
              Duration.ofDays(400),
              Duration.ofHours(1),
              Duration.ofSeconds(5)),
          new SimpleMeterRegistry(),
          new Outages());

  @AfterEach
  void tearDown() {
    batches.stop();
    world.close();
  }

  @Test
  void aNameWithANulIsRefusedEvenWhenItsRowWouldTakeAnotherName() throws Exception {
    // given two requests of the same roll-up row in one batch, the first named with a NUL
    batches.start();
    CompletableFuture<Boolean> bad = batches.add(usage("bad", "张\u0000三"));
    CompletableFuture<Boolean> good = batches.add(usage("good", "张三"));

    // when the poll is handed over
    batches.pollEnded();

    // then the first is refused as a data error and the second counts
    assertThat(good.get(10, TimeUnit.SECONDS)).isTrue();
    ExecutionException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
    assertThat(refused).isNotNull();
    assertThat(Faults.isDataError(refused.getCause())).isTrue();
    assertThat(world.jdbc().sql("SELECT request_id FROM usage_seen").query(String.class).list())
        .containsExactly("good");
  }

  private static UsageRecorded usage(String id, String userName) {
    return new UsageRecorded(
        id,
        1,
        userName,
        11L,
        "laptop",
        1,
        "P",
        "m",
        100,
        10,
        0,
        0,
        new BigDecimal("0.5"),
        10,
        200,
        Instant.parse("2026-12-06T10:00:00Z"),
        null,
        null);
  }
}
