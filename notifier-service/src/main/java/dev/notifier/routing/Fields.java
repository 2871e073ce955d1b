package dev.notifier.routing;

/** Field names echoed back in problems are clipped: a client's key may be of any length. */
final class Fields {

  private static final int MAX_ECHO = 64;

  private Fields() {}

  static String clip(String name) {
    return name.length() <= MAX_ECHO ? name : name.substring(0, MAX_ECHO) + "…";
  }
}
