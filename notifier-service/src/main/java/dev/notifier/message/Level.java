package dev.notifier.message;

/** How serious a message is; channels map it to colours and words. */
public enum Level {
  INFO,
  OK,
  WARNING,
  ERROR
}
