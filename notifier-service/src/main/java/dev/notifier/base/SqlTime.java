package dev.notifier.base;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times as SQL parameters. PostgreSQL's own {@code now()} is never asked: the service decides by
 * its one {@link Clock}, and the database compares and stamps with the instant it is given, so the
 * JVM and the server can never disagree about what time it is.
 */
public final class SqlTime {

  private SqlTime() {}

  /** The clock's now, as a {@code timestamptz} parameter. */
  public static OffsetDateTime now(Clock clock) {
    return of(clock.instant());
  }

  public static OffsetDateTime of(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
