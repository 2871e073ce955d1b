package dev.notifier.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WeCom-shaped HTTP sink that counts arrivals and, for tagged messages, records when each
 * arrived.
 */
final class Sink implements AutoCloseable {

  private static final byte[] OK =
      "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final Pattern TAG = Pattern.compile("lat-(\\d+)");

  /** An arrival of a tagged message. */
  record Arrival(int sequence, long nanos) {}

  private final HttpServer server;
  // receivers at fault, on a server of their own so that hanging requests hold none of the
  // healthy server's threads: one answers 429, one never answers
  private final HttpServer faulty;
  private final AtomicLong limited = new AtomicLong();
  private final AtomicLong hung = new AtomicLong();
  private final java.util.concurrent.CountDownLatch closing =
      new java.util.concurrent.CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();
  private final ConcurrentLinkedQueue<Arrival> tagged = new ConcurrentLinkedQueue<>();

  Sink() {
    // The JDK server closes idle keep-alive connections beyond 200 by default; clients then fail on
    // reuse.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          long now = System.nanoTime();
          if (count.getAndIncrement() == 0) {
            firstNanos.set(now);
          }
          lastNanos.set(now);
          Matcher m = TAG.matcher(new String(body, StandardCharsets.UTF_8));
          if (m.find()) {
            tagged.add(new Arrival(Integer.parseInt(m.group(1)), now));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, OK.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(OK);
          }
        });
    server.setExecutor(pool);
    server.start();
    try {
      faulty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faulty.createContext(
        "/limited",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          limited.incrementAndGet();
          exchange.getResponseHeaders().add("Retry-After", "1");
          exchange.sendResponseHeaders(429, -1);
          exchange.close();
        });
    faulty.createContext(
        "/hang",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          hung.incrementAndGet();
          try {
            closing.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    faulty.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    faulty.start();
  }

  /** A receiver that answers every request 429 with Retry-After: 1. */
  String limitedUrl() {
    return "http://127.0.0.1:" + faulty.getAddress().getPort() + "/limited";
  }

  /** A receiver that accepts every request and never answers it. */
  String hangingUrl() {
    return "http://127.0.0.1:" + faulty.getAddress().getPort() + "/hang";
  }

  /** Requests the 429 receiver and the hanging receiver were sent. */
  long faultyRequests() {
    return limited.get() + hung.get();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  long count() {
    return count.get();
  }

  /** Forget what arrived so far. */
  void reset() {
    count.set(0);
    tagged.clear();
  }

  long firstNanos() {
    return firstNanos.get();
  }

  long lastNanos() {
    return lastNanos.get();
  }

  ConcurrentLinkedQueue<Arrival> tagged() {
    return tagged;
  }

  @Override
  public void close() {
    closing.countDown();
    faulty.stop(0);
    server.stop(0);
    pool.shutdownNow();
  }
}
