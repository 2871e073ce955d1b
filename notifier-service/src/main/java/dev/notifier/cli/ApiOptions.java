package dev.notifier.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running notifier's admin API, for what only the service can do as it
 * would do it (a test send through its senders and SSRF guard, a check of everything it stores):
 * the URL and the token, from options or the environment the service itself reads.
 */
final class ApiOptions {

  /** What the API answered. */
  record Answer(int status, String body) {}

  /** The service could not be asked, or refused the token. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }

  @Option(
      names = "--api",
      paramLabel = "URL",
      description =
          "the notifier's base URL (default: NOTIFIER_API_URL, else http://127.0.0.1:"
              + "$NOTIFIER_HTTP_PORT, else port 8080)")
  @Nullable String api;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "an admin token (default: NOTIFIER_ADMIN_TOKEN, which is better: an argument shows in"
              + " the process list)")
  @Nullable String token;

  /** Where the commands ask. */
  String describe() {
    return api != null ? api : defaultApi();
  }

  Answer call(String method, String path, @Nullable String json) throws Unreachable {
    String base = describe();
    String bearer = token != null ? token : System.getenv("NOTIFIER_ADMIN_TOKEN");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .header("Content-Type", "application/json");
    if (bearer != null && !bearer.isBlank()) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unreachable("no notifier answers at " + base);
    } catch (IOException e) {
      throw new Unreachable("asking " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    } catch (IllegalArgumentException e) {
      throw new Unreachable("--api is not a URL: " + base);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new Unreachable(
          "the notifier refused the token ("
              + response.statusCode()
              + "); give an admin token with --token or NOTIFIER_ADMIN_TOKEN");
    }
    return new Answer(response.statusCode(), response.body());
  }

  private static String defaultApi() {
    String url = System.getenv("NOTIFIER_API_URL");
    if (url != null && !url.isBlank()) {
      return url;
    }
    String port = System.getenv("NOTIFIER_HTTP_PORT");
    return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port);
  }
}
