package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.TestWorld;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API on a running notifier, as a hostile or careless client meets it: bodies over the
 * limit (declared or chunked), other media types, unknown paths and methods, read-only and rotated
 * tokens. Every refusal is a problem detail, and the service keeps answering afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminRequestLimitsTest {

  private static final String TOKEN = "adm-limits-5e6f";
  private static final String NEXT_TOKEN = "adm-limits-next-7a8b";
  private static final String VIEWER = "viewer-limits-1c2d";

  private final TestWorld world = new TestWorld();
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;

  @BeforeAll
  void start() {
    notifier =
        world.start(
            Map.of(
                "notifier.admin.token", TOKEN,
                "notifier.admin.tokens", NEXT_TOKEN,
                "notifier.admin.read-tokens", VIEWER));
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndTheServiceGoesOn() throws Exception {
    byte[] big = jsonOfSize(300 * 1024);
    assertProblem(
        send("POST", "/api/targets", BodyPublishers.ofByteArray(big), TOKEN), 413, "body");
    // chunked: no length declared, the limit still holds
    assertProblem(
        send(
            "POST",
            "/api/targets",
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
            TOKEN),
        413,
        "body");

    // 20 MB, far beyond what a 144 MB heap could parse into a tree several times over
    byte[] huge = jsonOfSize(20 * 1024 * 1024);
    for (int i = 0; i < 3; i++) {
      try {
        HttpResponse<String> answer =
            send("POST", "/api/targets", BodyPublishers.ofByteArray(huge), TOKEN);
        assertProblem(answer, 413, "body");
      } catch (IOException closedWhileSending) {
        // refused before the body was read: the connection is closed under the sender
      }
    }
    assertThat(send("GET", "/api/targets", BodyPublishers.noBody(), TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(targets()).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWith415NamingTheHeader() throws Exception {
    HttpRequest request =
        base(
                "POST",
                "/api/targets",
                BodyPublishers.ofString("{\"name\":\"t\",\"channel\":\"log\"}"))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "text/plain")
            .build();
    assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "Content-Type");
    assertThat(targets()).isZero();
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() throws Exception {
    assertProblem(send("GET", "/api/nothing-here", BodyPublishers.noBody(), TOKEN), 404, null);
    assertProblem(send("PATCH", "/api/targets", BodyPublishers.ofString("{}"), TOKEN), 405, null);
  }

  @Test
  void aReadOnlyTokenReadsAndIsRefusedEveryWrite() throws Exception {
    assertThat(send("GET", "/api/targets", BodyPublishers.noBody(), VIEWER).statusCode())
        .isEqualTo(200);
    assertProblem(
        send(
            "POST",
            "/api/targets",
            BodyPublishers.ofString("{\"name\":\"viewer-made\",\"channel\":\"log\"}"),
            VIEWER),
        403,
        null);
    assertProblem(send("DELETE", "/api/targets/1", BodyPublishers.noBody(), VIEWER), 403, null);
    assertThat(targets()).isZero();
    // the second write token works as the first does
    HttpResponse<String> made =
        send(
            "POST",
            "/api/targets",
            BodyPublishers.ofString("{\"name\":\"rotated-in\",\"channel\":\"log\"}"),
            NEXT_TOKEN);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    long id = json.readTree(made.body()).get("id").asLong();
    assertThat(send("DELETE", "/api/targets/" + id, BodyPublishers.noBody(), TOKEN).statusCode())
        .isEqualTo(204);
  }

  /** Every endpoint any controller maps under /api, found from the running service. */
  @Test
  void everyMappedEndpointRefusesAMissingTokenWithAProblem() throws Exception {
    RequestMappingHandlerMapping mapping =
        notifier.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    List<String> checked = new ArrayList<>();
    for (var info : mapping.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api")) {
          continue;
        }
        String path = pattern.replaceAll("\\{[^}]+}", "1");
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          HttpResponse<String> answer =
              send(method.name(), path, BodyPublishers.ofString("{}"), null);
          assertProblem(answer, 401, null);
          checked.add(method + " " + path);
        }
      }
    }
    assertThat(checked).contains("GET /api/targets", "POST /api/targets/1/test");
  }

  private void assertProblem(HttpResponse<String> answer, int status, @Nullable String field) {
    assertThat(answer.statusCode())
        .as(answer.body().substring(0, Math.min(300, answer.body().length())))
        .isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
    if (field != null) {
      assertThat(problem.get("problems").findValuesAsString("field")).contains(field);
    }
  }

  private HttpResponse<String> send(
      String method, String path, BodyPublisher body, @Nullable String token) throws Exception {
    HttpRequest.Builder request =
        base(method, path, body).header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder base(String method, String path, BodyPublisher body) {
    int port = Integer.parseInt(notifier.getEnvironment().getProperty("local.server.port"));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body);
  }

  /** A JSON object of about {@code size} bytes: a valid target with a long note in its config. */
  private static byte[] jsonOfSize(int size) {
    return ("{\"name\":\"big\",\"channel\":\"log\",\"config\":{\"note\":\""
            + "x".repeat(size)
            + "\"}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private int targets() {
    return world.jdbc().sql("SELECT count(*) FROM webhook_targets").query(Integer.class).single();
  }
}
