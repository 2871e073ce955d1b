package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The admin API is closed unless a token is configured, then open to each configured token, and to
 * read-only tokens only for reading; refusals are problem details.
 */
class AdminAuthTest {

  @Test
  void withoutAConfiguredTokenEveryRequestIsRefusedWithTheSettingToSet() throws Exception {
    for (String configured : new String[] {null, "", "  "}) {
      MockHttpServletResponse response = call(auth(configured, List.of(), List.of()), "GET", "");

      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getContentType()).startsWith("application/problem+json");
      assertThat(response.getContentAsString()).contains("notifier.admin.token");
    }
  }

  @Test
  void theConfiguredTokenIsAdmittedAndTheActorNamedByAFingerprintNotTheToken() throws Exception {
    MockHttpServletRequest request = request("GET", "bearer s3cret-token");
    request.setRemoteAddr("10.1.2.3");
    MockHttpServletResponse response = new MockHttpServletResponse();

    boolean admitted =
        auth("s3cret-token", List.of(), List.of()).preHandle(request, response, new Object());

    assertThat(admitted).isTrue();
    assertThat((String) request.getAttribute(AdminAuth.ACTOR))
        .matches("token:[0-9a-f]{8}@10\\.1\\.2\\.3")
        .doesNotContain("s3cret");
  }

  @Test
  void duringARotationBothTokensWorkAndEachIsNamedApart() throws Exception {
    AdminAuth auth = auth("old-token-1", List.of("new-token-2"), List.of());
    MockHttpServletRequest old = request("POST", "Bearer old-token-1");
    MockHttpServletRequest fresh = request("POST", "Bearer new-token-2");
    assertThat(auth.preHandle(old, new MockHttpServletResponse(), new Object())).isTrue();
    assertThat(auth.preHandle(fresh, new MockHttpServletResponse(), new Object())).isTrue();
    assertThat(old.getAttribute(AdminAuth.ACTOR)).isNotEqualTo(fresh.getAttribute(AdminAuth.ACTOR));
    for (String wrong : List.of("Bearer old-token", "Bearer new-token-22", "Bearer ", "Basic x")) {
      MockHttpServletResponse refused = call(auth, "GET", wrong);
      assertThat(refused.getStatus()).as(wrong).isEqualTo(401);
      assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(refused.getContentType()).startsWith("application/problem+json");
    }
  }

  @Test
  void aReadOnlyTokenReadsButEveryWriteIsForbidden() throws Exception {
    AdminAuth auth = auth(null, List.of(), List.of("viewer-token"));
    assertThat(call(auth, "GET", "Bearer viewer-token").getStatus()).isEqualTo(200);
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      MockHttpServletResponse response = call(auth, method, "Bearer viewer-token");
      assertThat(response.getStatus()).as(method).isEqualTo(403);
      assertThat(response.getContentAsString()).contains("read");
    }
  }

  private static AdminAuth auth(
      @Nullable String token, List<String> tokens, List<String> readTokens) {
    return new AdminAuth(new AdminProperties(token, tokens, readTokens, DataSize.ofKilobytes(256)));
  }

  private static MockHttpServletRequest request(String method, String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/targets");
    request.addHeader("Authorization", authorization);
    return request;
  }

  private static MockHttpServletResponse call(AdminAuth auth, String method, String authorization)
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    auth.preHandle(request(method, authorization), response, new Object());
    return response;
  }
}
