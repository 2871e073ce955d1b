package dev.notifier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server standing in for a chat platform: it records every request and answers as told.
 * Requests that the responder does not accept (any non-2xx, or a 200 with an error code) are
 * recorded too, in {@link #all()}.
 */
public final class ChatStandIn implements AutoCloseable {

  /**
   * One request as it arrived, and when (System.nanoTime()); {@code raw} is the body's bytes (a
   * picture upload is not text).
   */
  public record Request(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      String body,
      long receivedNanos,
      byte[] raw) {

    /** The Content-Type header, or "" when none. */
    public String contentType() {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse("");
    }
  }

  /** What to answer. */
  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply json(String body) {
      return new Reply(200, body, Map.of());
    }

    public static Reply status(int status, String body) {
      return new Reply(status, body, Map.of());
    }

    /** No answer at all: the connection is closed under the client (a reset, a crashed proxy). */
    public static final Reply DROP = new Reply(-1, "", Map.of());
  }

  public static final Reply WECOM_OK = Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}");

  private final HttpServer server;
  private final List<Request> all = new CopyOnWriteArrayList<>();
  private final List<Request> accepted = new CopyOnWriteArrayList<>();
  private final AtomicReference<Function<Request, Reply>> responder =
      new AtomicReference<>(r -> WECOM_OK);

  public ChatStandIn() {
    this(null);
  }

  /** Over TLS with {@code tls} (see {@link TestCertificates#server()}), or plain when null. */
  public ChatStandIn(@Nullable SSLContext tls) {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try {
      if (tls == null) {
        server = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    // one virtual thread per request: a stand-in told to hang must not starve the others
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** Answer every later request with this function. */
  public void respond(Function<Request, Reply> answer) {
    responder.set(answer);
  }

  /**
   * Answer every later request with {@code reply}, but only after {@code delay}: a receiver that
   * hangs, when the delay is longer than the caller's timeouts.
   */
  public void respondAfter(Duration delay, Reply reply) {
    respond(
        r -> {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return reply;
        });
  }

  public String url(String pathAndQuery) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** Requests answered with success (2xx and, for JSON bodies, errcode/code 0 or absent). */
  public List<Request> accepted() {
    return List.copyOf(accepted);
  }

  public List<Request> all() {
    return List.copyOf(all);
  }

  /** Forgets every request so far. */
  public void clear() {
    all.clear();
    accepted.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String body = new String(raw, StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            String.valueOf(exchange.getRequestURI().getRawQuery()),
            Map.copyOf(exchange.getRequestHeaders()),
            body,
            System.nanoTime(),
            raw);
    all.add(request);
    Reply reply = responder.get().apply(request);
    if (reply.status() < 0) {
      exchange.close();
      return;
    }
    if (reply.status() / 100 == 2
        && !reply.body().matches("(?s).*\"(errcode|code)\"\\s*:\\s*-?[1-9].*")) {
      accepted.add(request);
    }
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
