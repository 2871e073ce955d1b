package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The admin API is closed unless a token is configured, and then open only to that token. */
class AdminAuthTest {

  @Test
  void withoutAConfiguredTokenEveryRequestIsRefusedWithTheSettingToSet() throws Exception {
    for (String configured : new String[] {null, "", "  "}) {
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/targets");
      request.addHeader("Authorization", "Bearer ");
      MockHttpServletResponse response = new MockHttpServletResponse();

      boolean admitted =
          new AdminAuth(new AdminProperties(configured)).preHandle(request, response, new Object());

      assertThat(admitted).isFalse();
      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getContentAsString()).contains("notifier.admin.token");
    }
  }

  @Test
  void theConfiguredTokenIsAdmittedAndNamesTheActor() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/targets");
    request.addHeader("Authorization", "bearer s3cret-token");
    request.setRemoteAddr("10.1.2.3");
    MockHttpServletResponse response = new MockHttpServletResponse();

    boolean admitted =
        new AdminAuth(new AdminProperties("s3cret-token"))
            .preHandle(request, response, new Object());

    assertThat(admitted).isTrue();
    assertThat(request.getAttribute(AdminAuth.ACTOR)).isEqualTo("admin@10.1.2.3");
  }
}
