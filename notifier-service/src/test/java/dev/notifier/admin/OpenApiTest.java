package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notifier.testing.AdminClient;
import dev.notifier.testing.TestWorld;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description served at /v3/api-docs documents every admin endpoint the service has
 * (read from Spring's own mappings, so a new endpoint cannot be missed), each with its problem
 * responses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

  private final TestWorld world = new TestWorld();
  private final JsonMapper json = JsonMapper.builder().build();
  private ConfigurableApplicationContext notifier;
  private JsonNode docs;

  @BeforeAll
  void start() throws Exception {
    notifier = world.start(Map.of("notifier.admin.token", "adm-openapi-1"));
    HttpResponse<String> got = new AdminClient(notifier, null).call("GET", "/v3/api-docs", null);
    assertThat(got.statusCode()).isEqualTo(200);
    docs = json.readTree(got.body());
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void everyAdminEndpointIsDocumented() {
    List<String> endpoints = new ArrayList<>();
    RequestMappingHandlerMapping mappings =
        notifier.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String path : info.getPatternValues()) {
        if (!path.startsWith("/api/")) {
          continue;
        }
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          endpoints.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
        }
      }
    }
    assertThat(endpoints).contains("get /api/settings", "post /api/bindings", "post /api/targets");
    for (String endpoint : endpoints) {
      String[] parts = endpoint.split(" ");
      assertThat(docs.at("/paths").get(parts[1])).as("%s is in /v3/api-docs", endpoint).isNotNull();
      assertThat(docs.at("/paths").get(parts[1]).get(parts[0]))
          .as("%s is in /v3/api-docs", endpoint)
          .isNotNull();
    }
  }

  @Test
  void everyOperationDocumentsItsErrorsAsProblemDetails() {
    docs.at("/paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          JsonNode responses = operation.getValue().get("responses");
                          for (String status : List.of("400", "401", "403")) {
                            assertThat(
                                    responses
                                        .path(status)
                                        .path("content")
                                        .path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asString())
                                .as("%s %s %s", operation.getKey(), path.getKey(), status)
                                .isEqualTo("#/components/schemas/Problem");
                          }
                        }));
    assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
  }

  @Test
  void theUiPageIsServed() throws Exception {
    HttpResponse<String> ui =
        new AdminClient(notifier, null).call("GET", "/swagger-ui/index.html", null);
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }
}
