package dev.notifier.base;

import java.sql.SQLException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionException;

/**
 * Which failures time cures. A transient one (PostgreSQL or Kafka unreachable, a connection cut, a
 * deadlock) is retried in place for as long as it lasts: the partition pauses and nothing is lost.
 * Anything else fails the same way on every try, so retrying it would stall its partition forever:
 * it goes to a dead-letter topic with its reason.
 */
public final class Faults {

  private Faults() {}

  /**
   * Whether waiting can cure it. Everything the database says is, except its verdict on the data
   * itself ({@link #isDataError}): a connection refused or cut (08, 57P01), a database that takes
   * no connections (55000), a deadlock (40P01), even a missing table (a migration not yet run) are
   * states of the server, and pausing (with an alert) beats dead-lettering every event meanwhile.
   */
  public static boolean isTransient(Throwable error) {
    if (isDataError(error)) {
      return false;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      // the broker will refuse these however often they are sent
      if (t instanceof RecordTooLargeException || t instanceof SerializationException) {
        return false;
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException
          || t instanceof DataAccessException
          || t instanceof TransactionException
          || t instanceof RetriableException
          || t instanceof KafkaException && !(t instanceof ListenerExecutionFailedException)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database refused the data (SQLSTATE class 22, a data exception such as a value out of range
   * or a NUL in text; class 23, a constraint violation): it will refuse it every time.
   */
  public static boolean isDataError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("22") || state.startsWith("23");
      }
    }
    return false;
  }

  /** The innermost cause, as "Type: message", for a reason header (callers redact it). */
  public static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
