package dev.notifier.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/** Calls a running notifier's admin API over loopback, with a token or without one. */
public final class AdminClient {

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final @Nullable String token;

  public AdminClient(ConfigurableApplicationContext notifier, @Nullable String token) {
    this.port = Integer.parseInt(notifier.getEnvironment().getProperty("local.server.port"));
    this.token = token;
  }

  public HttpResponse<String> call(String method, String path, @Nullable String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
