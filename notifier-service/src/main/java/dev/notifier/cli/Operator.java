package dev.notifier.cli;

import java.time.Clock;
import java.time.Instant;

/**
 * The operator's side of a command: a command runs in a process of its own, not in the service, so
 * the times it stamps on what it publishes are the operator's machine's, read here and nowhere
 * else.
 */
final class Operator {

  private static final Clock WALL = Clock.systemUTC();

  private Operator() {}

  static Instant now() {
    return WALL.instant();
  }
}
