package dev.notifier.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets through only requests that carry the admin token as {@code Authorization: Bearer ...}. The
 * comparison takes the same time however much of the token matches, so timing gives nothing away.
 */
final class AdminAuth implements HandlerInterceptor {

  /** The request attribute holding who made the request, for the audit. */
  static final String ACTOR = "dev.notifier.admin.actor";

  private final AdminProperties properties;

  AdminAuth(AdminProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!properties.enabled()) {
      refuse(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "the admin API is off: set notifier.admin.token (NOTIFIER_ADMIN_TOKEN) to turn it on");
      return false;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : "";
    if (!MessageDigest.isEqual(bytes(presented), bytes(properties.token()))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      refuse(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "missing or wrong admin token (Authorization: Bearer ...)");
      return false;
    }
    request.setAttribute(ACTOR, "admin@" + request.getRemoteAddr());
    return true;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void refuse(HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // The texts are constants without quotes or backslashes, so no JSON library is needed here.
    response.getWriter().write("{\"error\":\"" + error + "\"}");
  }
}
