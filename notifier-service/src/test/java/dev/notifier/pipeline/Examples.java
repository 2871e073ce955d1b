package dev.notifier.pipeline;

import dev.notifier.testing.TestWorld;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The contract's golden example events, with fresh ids when a test needs many. */
public final class Examples {

  private Examples() {}

  public static String read(String name) {
    try (InputStream in =
        Examples.class.getClassLoader().getResourceAsStream("examples/v1/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Providers {@code from}..{@code to} trip one after another, all under one key so they are read
   * in this order.
   */
  public static void tripInOrder(TestWorld world, int from, int to) {
    for (int i = from; i <= to; i++) {
      world.publish(
          world.eventsTopic(), "proxy-1", breakerOpened(i).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The breaker-opened example for another provider and with a new event id. */
  public static String breakerOpened(long providerId) {
    return read("circuit-breaker-opened")
        .replace("4f1c2a9e-0b7d-4c55-9f61-1d2e3c4b5a01", UUID.randomUUID().toString())
        .replace("\"providerId\": 1,", "\"providerId\": " + providerId + ",")
        .replace("\"subject\": \"provider:1\"", "\"subject\": \"provider:" + providerId + "\"");
  }
}
