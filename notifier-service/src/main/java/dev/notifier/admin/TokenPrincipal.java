package dev.notifier.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes a caller with an admin token (of either kind) an authenticated user for the actuator, so
 * that {@code show-details: when-authorized} shows the health details (disk paths, the Kafka
 * cluster) to operators and only the status to anyone else. The service has no other users.
 */
final class TokenPrincipal extends OncePerRequestFilter {

  private static final Principal OPERATOR = () -> "operator";

  private final AdminAuth auth;

  TokenPrincipal(AdminAuth auth) {
    this.auth = auth;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!auth.recognises(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public Principal getUserPrincipal() {
            return OPERATOR;
          }
        },
        response);
  }
}
