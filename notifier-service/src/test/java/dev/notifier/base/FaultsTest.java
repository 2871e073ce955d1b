package dev.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are waited out and which are dead-lettered, by what the server said. */
class FaultsTest {

  @Test
  void theServerOrTheConnectionGoneIsTransient() {
    assertThat(Faults.isTransient(psql("57P01"))).as("admin shutdown").isTrue();
    assertThat(Faults.isTransient(psql("55000"))).as("no connections allowed").isTrue();
    assertThat(Faults.isTransient(psql("08006"))).as("connection failure").isTrue();
    assertThat(Faults.isTransient(psql("40P01"))).as("deadlock").isTrue();
    assertThat(
            Faults.isTransient(
                new CannotGetJdbcConnectionException("no", new SQLException("pool timeout"))))
        .isTrue();
    assertThat(
            Faults.isTransient(
                new ListenerExecutionFailedException(
                    "listener", new TransactionSystemException("rollback failed", psql("57P01")))))
        .isTrue();
    assertThat(Faults.isTransient(new KafkaException("send", new TimeoutException("broker"))))
        .isTrue();
  }

  @Test
  void theServersVerdictOnTheDataIsNot() {
    assertThat(Faults.isTransient(psql("22021"))).as("NUL in text").isFalse();
    assertThat(Faults.isDataError(psql("22003"))).as("numeric out of range").isTrue();
    assertThat(Faults.isTransient(new DataIntegrityViolationException("dup", psql("23505"))))
        .isFalse();
    assertThat(Faults.isTransient(new KafkaException("dlt", new RecordTooLargeException("2 MB"))))
        .isFalse();
    assertThat(Faults.isTransient(new NullPointerException("a bug"))).isFalse();
  }

  private static PSQLException psql(String state) {
    return new PSQLException("server says " + state, PSQLState.UNKNOWN_STATE) {
      @Override
      public String getSQLState() {
        return state;
      }
    };
  }
}
