package dev.notifier.channel;

import dev.notifier.channel.SendOutcome.Failed;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP POST with a connect and a request timeout, and the failure classification every platform
 * shares. Errors come back as {@link Failed} values already scrubbed of credentials; nothing here
 * throws for a network problem.
 */
public final class HttpTransport {

  private final HttpClient client;
  private final Duration requestTimeout;

  public HttpTransport(ChannelProperties properties) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            // A webhook that redirects is either misconfigured or hostile; we never follow.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = properties.requestTimeout();
  }

  /**
   * Posts {@code json} and lets {@code judge} read the platform's reply, whatever its status; a
   * transport failure (timeout, refused or reset connection, bad URL) is the outcome as it is.
   */
  public SendOutcome postJson(
      String url,
      String json,
      Map<String, String> headers,
      List<String> secrets,
      Function<HttpReply, SendOutcome> judge) {
    return switch (exchange(url, json, headers, secrets)) {
      case TransportFailed f -> f.failure();
      case Replied r -> judge.apply(r.reply());
    };
  }

  /** Either the platform's reply (any status) or a transport failure. */
  private sealed interface Result {}

  private record Replied(HttpReply reply) implements Result {}

  private record TransportFailed(Failed failure) implements Result {}

  private Result exchange(
      String url, String json, Map<String, String> headers, List<String> secrets) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Replied(new HttpReply(response.statusCode(), response.headers(), response.body()));
    } catch (HttpConnectTimeoutException e) {
      return failed(FailureReason.CONNECTION_ERROR, "connect timed out", secrets);
    } catch (HttpTimeoutException e) {
      return failed(
          FailureReason.TIMEOUT, "no answer within " + requestTimeout.toMillis() + " ms", secrets);
    } catch (ConnectException e) {
      return failed(FailureReason.CONNECTION_ERROR, "connection refused", secrets);
    } catch (IOException e) {
      // Includes a keep-alive connection the server closed while idle ("header parser received no
      // bytes"): the request never reached the platform, so sending again is safe.
      return failed(FailureReason.CONNECTION_ERROR, String.valueOf(e.getMessage()), secrets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(FailureReason.CONNECTION_ERROR, "interrupted while sending", secrets);
    } catch (IllegalArgumentException e) {
      return new TransportFailed(
          Failed.permanent(
              FailureReason.BAD_CONFIG,
              Redaction.scrub("invalid URL: " + e.getMessage(), secrets)));
    }
  }

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
