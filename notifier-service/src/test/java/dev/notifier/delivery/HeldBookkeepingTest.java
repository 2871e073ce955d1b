package dev.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.message.Level;
import dev.notifier.message.Message;
import dev.notifier.message.NotificationType;
import dev.notifier.testing.TestWorld;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which targets count as holding, against a real PostgreSQL: a target holds from the moment a hold
 * is on its way (its later tasks must queue behind it, in order) until its last held row is gone,
 * and a hold that begins while the lane is looking whether the target has any left is not missed.
 */
class HeldBookkeepingTest {

  private static final long TARGET = 7;

  private final TestWorld world = new TestWorld();
  private final NamedParameterJdbcTemplate batch =
      new NamedParameterJdbcTemplate(world.dataSource());
  private final DeliveryTask task = task("n-1");

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aTargetHoldsFromTheExpectedHoldUntilItsLastRowIsSettled() {
    HeldDeliveries held = new HeldDeliveries(world.jdbc(), batch, world.clock());

    held.expect(TARGET);
    assertThat(held.isHolding(TARGET)).isTrue();
    assertThat(held.isHoldingAny()).isTrue();
    // the row is not written yet: the lane must not forget the target meanwhile
    held.forgetIfEmpty(TARGET);
    assertThat(held.isHolding(TARGET)).isTrue();

    held.holdAll(List.of(row(task)));
    held.arrived(TARGET);
    held.forgetIfEmpty(TARGET);
    assertThat(held.isHolding(TARGET)).isTrue();

    held.settle(task.notificationId(), TARGET);
    held.forgetIfEmpty(TARGET);
    assertThat(held.isHolding(TARGET)).isFalse();
    assertThat(held.isHoldingAny()).isFalse();
  }

  @Test
  void twoHoldsOnTheirWayHoldUntilBothHaveArrived() {
    HeldDeliveries held = new HeldDeliveries(world.jdbc(), batch, world.clock());

    held.expect(TARGET);
    held.expect(TARGET);
    held.arrived(TARGET); // one failed to be written: the other is still on its way
    held.forgetIfEmpty(TARGET);
    assertThat(held.isHolding(TARGET)).isTrue();

    held.arrived(TARGET);
    held.forgetIfEmpty(TARGET);
    assertThat(held.isHolding(TARGET)).isFalse();
  }

  @Test
  void aHoldWrittenWhileTheLaneLooksIsNotForgotten() {
    // the lane's look finds no row; right after it, and before it forgets the target, a hold is
    // expected, written and arrives (HeldRows' writer thread, in the real race)
    HeldDeliveries[] self = new HeldDeliveries[1];
    DataSource racing =
        afterQuery(
            world.dataSource(),
            "SELECT EXISTS",
            () -> {
              self[0].expect(TARGET);
              self[0].holdAll(List.of(row(task)));
              self[0].arrived(TARGET);
            });
    HeldDeliveries held = new HeldDeliveries(JdbcClient.create(racing), batch, world.clock());
    self[0] = held;

    held.forgetIfEmpty(TARGET);

    assertThat(rowsHeld()).isEqualTo(1);
    assertThat(held.isHolding(TARGET)).as("a target with a held row counts as holding").isTrue();
  }

  private long rowsHeld() {
    return world
        .jdbc()
        .sql("SELECT count(*) FROM held_deliveries WHERE target_id = :t")
        .param("t", TARGET)
        .query(Long.class)
        .single();
  }

  private static HeldRows.Row row(DeliveryTask task) {
    return new HeldRows.Row(
        task, "{}", "webhook", HoldReason.RATE_LIMITED, null, null, new CompletableFuture<>());
  }

  private static DeliveryTask task(String id) {
    return new DeliveryTask(
        id,
        NotificationType.CIRCUIT_BREAKER,
        TARGET,
        Instant.parse("2025-01-15T06:00:00Z"),
        new Message("t", Level.INFO, List.of(), "f", Map.of()));
  }

  /** A data source that runs {@code then} right after a query whose SQL contains {@code sql}. */
  private static DataSource afterQuery(DataSource real, String sql, Runnable then) {
    return proxy(
        DataSource.class,
        real,
        (method, args, result) ->
            result instanceof Connection c
                ? proxy(
                    Connection.class,
                    c,
                    (m, a, r) ->
                        r instanceof PreparedStatement ps
                                && a != null
                                && a.length > 0
                                && String.valueOf(a[0]).contains(sql)
                            ? proxy(
                                PreparedStatement.class,
                                ps,
                                (m2, a2, r2) -> {
                                  if (m2.getName().equals("executeQuery")) {
                                    then.run();
                                  }
                                  return r2;
                                })
                            : r)
                : result);
  }

  private interface After {
    Object apply(java.lang.reflect.Method method, Object[] args, Object result) throws Exception;
  }

  /** Calls through to {@code real}, then lets {@code after} see or replace the result. */
  private static <T> T proxy(Class<T> type, T real, After after) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return after.apply(method, args, result);
            }));
  }
}
