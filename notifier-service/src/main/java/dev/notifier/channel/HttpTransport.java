package dev.notifier.channel;

import dev.notifier.channel.SendOutcome.Failed;
import dev.notifier.egress.AddressGuard;
import dev.notifier.egress.BlockedAddressException;
import dev.notifier.egress.ProxySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.entity.mime.StringBody;
import org.apache.hc.client5.http.impl.TunnelRefusedException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.ssl.SSLContexts;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP POST with a connect and a whole-request timeout, through the target's proxy if it has
 * one, to an address the SSRF guard has checked, and the failure classification every platform
 * shares. Errors come back as {@link Failed} values already scrubbed of credentials; nothing here
 * throws for a network problem.
 */
public final class HttpTransport implements AutoCloseable {

  /** More than any platform answers; a hostile endpoint cannot make us hold more. */
  private static final int MAX_REPLY_BYTES = 1 << 20;

  /**
   * Cancels a request at its whole-request deadline. One per transport (one per service), closed
   * with it, so that two services in one JVM (tests) neither share nor outlive each other's.
   */
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "http-deadlines");
            t.setDaemon(true);
            return t;
          });

  private final HttpClientPool clients;
  private final AddressGuard guard;
  private final Duration requestTimeout;

  public HttpTransport(ChannelProperties properties, AddressGuard guard) {
    this(properties, guard, SSLContexts.createSystemDefault());
  }

  /** Trusting what {@code tls} trusts: a test's own certificate, say. */
  HttpTransport(ChannelProperties properties, AddressGuard guard, SSLContext tls) {
    this.clients = new HttpClientPool(properties, guard, tls);
    this.guard = guard;
    this.requestTimeout = properties.requestTimeout();
  }

  /**
   * Posts {@code json} to {@code url} on behalf of {@code destination} (whose settings may name a
   * proxy) and lets {@code judge} read the platform's reply, whatever its status; a transport
   * failure (timeout, refused or reset connection, refused address, bad URL) is the outcome as it
   * is.
   */
  public SendOutcome postJson(
      Destination destination,
      String url,
      String json,
      Map<String, String> headers,
      List<String> secrets,
      Function<HttpReply, SendOutcome> judge) {
    return post(destination, url, new StringEntity(json, JSON), headers, secrets, judge);
  }

  /**
   * Posts a multipart form (a file upload: a chart to Telegram or Discord), otherwise as {@link
   * #postJson(Destination, String, String, Map, List, Function)}.
   */
  public SendOutcome postMultipart(
      Destination destination,
      String url,
      List<FormPart> parts,
      Map<String, String> headers,
      List<String> secrets,
      Function<HttpReply, SendOutcome> judge) {
    MultipartEntityBuilder form = MultipartEntityBuilder.create().setMode(HttpMultipartMode.STRICT);
    for (FormPart part : parts) {
      if (part.fileName() == null) {
        form.addPart(
            part.name(),
            new StringBody(
                new String(part.content(), StandardCharsets.UTF_8),
                ContentType.create(part.contentType(), StandardCharsets.UTF_8)));
      } else {
        form.addBinaryBody(
            part.name(), part.content(), ContentType.create(part.contentType()), part.fileName());
      }
    }
    return post(destination, url, form.build(), headers, secrets, judge);
  }

  /**
   * One field of a multipart form: text when {@code fileName} is null, else a file. Text fields are
   * UTF-8.
   */
  public record FormPart(
      String name, byte[] content, String contentType, @Nullable String fileName) {

    public static FormPart text(String name, String value) {
      return new FormPart(name, value.getBytes(StandardCharsets.UTF_8), "text/plain", null);
    }

    public static FormPart json(String name, String value) {
      return new FormPart(name, value.getBytes(StandardCharsets.UTF_8), "application/json", null);
    }

    public static FormPart file(String name, byte[] content, String contentType, String fileName) {
      return new FormPart(name, content, contentType, fileName);
    }
  }

  private SendOutcome post(
      Destination destination,
      String url,
      HttpEntity entity,
      Map<String, String> headers,
      List<String> secrets,
      Function<HttpReply, SendOutcome> judge) {
    return switch (exchange(destination, url, entity, headers, secrets)) {
      case TransportFailed f -> f.failure();
      case Replied r -> judge.apply(r.reply());
    };
  }

  /**
   * Posts {@code json} to the destination's own URL, with no extra headers; {@code judge} reads the
   * reply with the destination's secrets at hand, to keep them out of what it says.
   */
  public SendOutcome postJson(
      Destination destination,
      String json,
      BiFunction<HttpReply, List<String>, SendOutcome> judge) {
    List<String> secrets = destination.secrets();
    return postJson(
        destination,
        destination.requireUrl(),
        json,
        Map.of(),
        secrets,
        reply -> judge.apply(reply, secrets));
  }

  /** Either the platform's reply (any status) or a transport failure. */
  private sealed interface Result {}

  private record Replied(HttpReply reply) implements Result {}

  private record TransportFailed(Failed failure) implements Result {}

  private Result exchange(
      Destination destination,
      String url,
      HttpEntity entity,
      Map<String, String> headers,
      List<String> secrets) {
    URI uri;
    Optional<ProxySettings> proxy;
    try {
      uri = URI.create(url);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("expected an http or https URL");
      }
      if (uri.getHost() == null) {
        // Java's URI leaves out hosts it cannot read, such as "127.1"; the guard says why.
        guard.resolve(authorityHost(uri));
        throw new IllegalArgumentException("the URL's host cannot be read");
      }
      if (uri.getRawUserInfo() != null) {
        // The client would refuse it on every attempt; it is the target that is wrong.
        throw new IllegalArgumentException("credentials in the URL are not supported");
      }
      proxy = destination.options().proxy();
      guard.checkPort(uri.getHost(), port(uri), AddressGuard.WEB_PORTS);
    } catch (BlockedAddressException e) {
      return refused(e, secrets);
    } catch (IllegalArgumentException | UnknownHostException e) {
      return new TransportFailed(
          Failed.permanent(
              FailureReason.BAD_CONFIG,
              Redaction.scrub("invalid target: " + e.getMessage(), secrets)));
    }
    if (proxy.isEmpty()) {
      return send(clients.direct(), uri, entity, headers, secrets);
    }
    ProxySettings via = proxy.get();
    InetAddress proxyAddress;
    try {
      proxyAddress = guard.resolveProxy(via);
    } catch (BlockedAddressException e) {
      return refused(
          new BlockedAddressException("proxy " + via.display() + ": " + e.getMessage()), secrets);
    } catch (UnknownHostException e) {
      Result unknown =
          failed(FailureReason.CONNECTION_ERROR, "unknown proxy host " + via.host(), secrets);
      return via.fallbackDirect() ? direct(uri, entity, headers, secrets, via, unknown) : unknown;
    }
    if (!via.isSocks()) {
      // The proxy resolves the host; check what it resolves to here, as far as we can.
      try {
        guard.resolve(uri.getHost());
      } catch (BlockedAddressException e) {
        return refused(e, secrets);
      } catch (UnknownHostException e) {
        // Behind a proxy, local DNS often knows only the intranet; the proxy decides.
      }
    }
    Result proxied = send(clients.via(via, proxyAddress), uri, entity, headers, secrets);
    if (via.fallbackDirect()
        && proxied instanceof TransportFailed f
        && f.failure().reason() == FailureReason.CONNECTION_ERROR) {
      return direct(uri, entity, headers, secrets, via, proxied);
    }
    return proxied;
  }

  /** The direct attempt after the proxy could not be reached, both failures told if it fails. */
  private Result direct(
      URI uri,
      HttpEntity entity,
      Map<String, String> headers,
      List<String> secrets,
      ProxySettings via,
      Result throughProxy) {
    Result directly = send(clients.direct(), uri, entity, headers, secrets);
    if (directly instanceof TransportFailed d && throughProxy instanceof TransportFailed f) {
      return failed(
          d.failure().reason(),
          "through proxy "
              + via.display()
              + ": "
              + f.failure().detail()
              + "; directly: "
              + d.failure().detail(),
          secrets);
    }
    return directly;
  }

  private Result send(
      CloseableHttpClient client,
      URI uri,
      HttpEntity entity,
      Map<String, String> headers,
      List<String> secrets) {
    HttpPost post = new HttpPost(uri);
    post.setEntity(entity);
    headers.forEach(post::setHeader);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              expired.set(true);
              post.cancel();
            },
            requestTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      return client.execute(post, response -> new Replied(read(response)));
    } catch (IOException e) {
      if (expired.get() || e instanceof SocketTimeoutException) {
        return failed(
            FailureReason.TIMEOUT,
            "no answer within " + requestTimeout.toMillis() + " ms",
            secrets);
      }
      return classify(e, secrets);
    } finally {
      deadline.cancel(false);
    }
  }

  private static Result classify(IOException e, List<String> secrets) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException blocked) {
        return refused(blocked, secrets);
      }
      if (t instanceof TunnelRefusedException refused) {
        return failed(
            FailureReason.CONNECTION_ERROR,
            "the proxy refused the tunnel: " + refused.getMessage(),
            secrets);
      }
    }
    String what =
        switch (e) {
          case ConnectTimeoutException c -> "connect timed out";
          case HttpHostConnectException c -> "connection refused";
          case UnknownHostException u -> "unknown host " + u.getMessage();
          // Includes a keep-alive connection the server closed while idle: the request never
          // reached the platform, so sending again is safe.
          default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    return failed(FailureReason.CONNECTION_ERROR, what, secrets);
  }

  private static HttpReply read(ClassicHttpResponse response) throws IOException {
    // One list per name whatever its case: a reply may carry "Retry-After" and "retry-after".
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header h : response.getHeaders()) {
      headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
    }
    HttpEntity entity = response.getEntity();
    String body = "";
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        // sized by the declared length when there is one: readNBytes(limit) starts with a buffer
        // of up to 16 KB, for replies that are mostly a few dozen bytes
        long declared = entity.getContentLength();
        int limit = declared >= 0 && declared < MAX_REPLY_BYTES ? (int) declared : MAX_REPLY_BYTES;
        body = new String(in.readNBytes(limit), charset(entity));
      }
    }
    return new HttpReply(response.getCode(), HttpHeaders.of(headers, (k, v) -> true), body);
  }

  /** The reply's declared charset when it is one we know, else UTF-8, which platforms use. */
  private static Charset charset(HttpEntity entity) {
    try {
      ContentType type = ContentType.parseLenient(entity.getContentType());
      return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    } catch (RuntimeException unknownCharset) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String authorityHost(URI uri) {
    String authority = String.valueOf(uri.getRawAuthority());
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static TransportFailed refused(BlockedAddressException e, List<String> secrets) {
    return new TransportFailed(
        Failed.permanent(
            FailureReason.BAD_CONFIG,
            Redaction.scrub("refused by the SSRF guard: " + e.getMessage(), secrets)));
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    clients.close();
  }

  private static final ContentType JSON =
      ContentType.create("application/json", StandardCharsets.UTF_8);

  /**
   * A 2xx whose body is not the platform's word for success (a captive portal, a proxy's page):
   * retryable, since nobody can say the message arrived.
   */
  public static Failed unreadable(HttpReply reply, List<String> secrets) {
    return Failed.retryable(
        FailureReason.INVALID_RESPONSE,
        Redaction.scrub(
            "unexpected answer " + reply.status() + ": " + abbreviate(reply.body()), secrets));
  }

  /**
   * The shared reading of a non-2xx status: 429 and 5xx are worth retrying (honouring Retry-After),
   * 413 is too large, 401/403 are credentials, any other 4xx means the request itself is wrong.
   */
  public static Optional<Failed> classifyStatus(HttpReply reply, List<String> secrets) {
    if (reply.isSuccess()) {
      return Optional.empty();
    }
    int status = reply.status();
    String detail = Redaction.scrub("HTTP " + status + ": " + abbreviate(reply.body()), secrets);
    Duration retryAfter = retryAfter(reply).orElse(null);
    if (status == 429) {
      return Optional.of(
          new Failed(
              SendOutcome.Disposition.RETRYABLE, FailureReason.RATE_LIMITED, detail, retryAfter));
    }
    if (status >= 500 || status == 408) {
      return Optional.of(
          new Failed(
              SendOutcome.Disposition.RETRYABLE, FailureReason.SERVER_ERROR, detail, retryAfter));
    }
    if (status == 413) {
      return Optional.of(Failed.permanent(FailureReason.TOO_LARGE, detail));
    }
    if (status == 401 || status == 403) {
      return Optional.of(Failed.permanent(FailureReason.AUTH_ERROR, detail));
    }
    return Optional.of(Failed.permanent(FailureReason.CLIENT_ERROR, detail));
  }

  /** Retry-After as delta-seconds (possibly fractional) or an HTTP date. */
  public static Optional<Duration> retryAfter(HttpReply reply) {
    return reply.headers().firstValue("Retry-After").flatMap(HttpTransport::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0
          ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        // The one read of the machine's wall clock outside the service's Clock, on purpose: the
        // date is the platform's wall time, and only the same wall time turns it into a wait.
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
  }

  public static String abbreviate(@Nullable String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }

  private static TransportFailed failed(FailureReason reason, String detail, List<String> secrets) {
    return new TransportFailed(Failed.retryable(reason, Redaction.scrub(detail, secrets)));
  }
}
