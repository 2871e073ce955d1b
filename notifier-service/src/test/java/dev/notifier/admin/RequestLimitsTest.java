package dev.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The body the filter read once is served whole, to a blocking reader and to a read listener. */
class RequestLimitsTest {

  private static final String TOKEN = "tok-limits-1";

  @Test
  void theBodyReadOnceReachesBlockingAndNonBlockingReadersWhole() throws Exception {
    AdminProperties properties =
        new AdminProperties(TOKEN, List.of(), List.of(), DataSize.ofKilobytes(256));
    RequestLimits filter = new RequestLimits(properties, new AdminAuth(properties));
    byte[] body = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/targets");
    request.addHeader("Authorization", "Bearer " + TOKEN);
    request.setContentType("application/json");
    request.setContent(body);
    AtomicReference<ServletRequest> passed = new AtomicReference<>();

    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));

    assertThat(passed.get().getInputStream().readAllBytes()).isEqualTo(body);
    List<String> heard = new ArrayList<>();
    var stream = passed.get().getInputStream();
    stream.setReadListener(
        new ReadListener() {
          @Override
          public void onDataAvailable() throws java.io.IOException {
            heard.add("data:" + new String(stream.readAllBytes(), StandardCharsets.UTF_8));
          }

          @Override
          public void onAllDataRead() {
            heard.add("all read");
          }

          @Override
          public void onError(Throwable t) {
            heard.add("error");
          }
        });
    assertThat(heard).containsExactly("data:{\"name\":\"x\"}", "all read");
    assertThat(stream.isFinished()).isTrue();
  }
}
