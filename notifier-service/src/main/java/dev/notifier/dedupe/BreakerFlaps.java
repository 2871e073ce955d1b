package dev.notifier.dedupe;

import dev.notifier.base.SqlTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opened alerts waiting out the flap grace, in PostgreSQL so that every instance sees them and a
 * restart loses none: a close within the grace cancels its opening (neither is sent), and what is
 * due is sent by whichever instance takes it first.
 */
@Service
public class BreakerFlaps {

  /** An opened alert waiting: the event's id, when it opened, and its data as JSON. */
  public record Pending(String breaker, String eventId, Instant openedAt, String data) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  BreakerFlaps(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Holds an opened alert until {@code due}; a second opening of a waiting breaker adds nothing.
   */
  public void hold(Pending pending, Instant due) {
    jdbc.sql(
            """
            INSERT INTO breaker_pending (breaker_key, event_id, opened_at, data, due_at)
            VALUES (:key, :event, :opened, :data, :due)
            ON CONFLICT (breaker_key) DO NOTHING""")
        .param("key", pending.breaker())
        .param("event", pending.eventId())
        .param("opened", Timestamp.from(pending.openedAt()))
        .param("data", pending.data())
        .param("due", Timestamp.from(due))
        .update();
  }

  /** Cancels the waiting opened alert of {@code breaker}; true when there was one. */
  public boolean cancel(String breaker) {
    return jdbc.sql("DELETE FROM breaker_pending WHERE breaker_key = :key")
            .param("key", breaker)
            .update()
        > 0;
  }

  /**
   * Hands each due alert to {@code send} and forgets it once sent, in one transaction whose row
   * locks keep other instances off; if sending fails, it stays due for the next look.
   */
  public int sendDue(Consumer<Pending> send) {
    Integer sent =
        transaction.execute(
            status -> {
              List<Pending> due =
                  jdbc.sql(
                          """
                          SELECT breaker_key, event_id, opened_at, data FROM breaker_pending
                          WHERE due_at <= :now ORDER BY due_at LIMIT 50
                          FOR UPDATE SKIP LOCKED""")
                      .param("now", SqlTime.now(clock))
                      .query(
                          (rs, n) ->
                              new Pending(
                                  rs.getString("breaker_key"),
                                  rs.getString("event_id"),
                                  rs.getTimestamp("opened_at").toInstant(),
                                  rs.getString("data")))
                      .list();
              for (Pending p : due) {
                send.accept(p);
                jdbc.sql("DELETE FROM breaker_pending WHERE breaker_key = :key")
                    .param("key", p.breaker())
                    .update();
              }
              return due.size();
            });
    return sent == null ? 0 : sent;
  }
}
