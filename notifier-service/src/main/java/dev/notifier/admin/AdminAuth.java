package dev.notifier.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets through only requests that carry one of the admin tokens as {@code Authorization: Bearer
 * ...}; a read-only token only for reading. Tokens are compared as SHA-256 digests, every one of
 * them every time, so neither the time taken nor a token's length gives anything away. The audit
 * names a caller by a short fingerprint of its token, never the token.
 */
final class AdminAuth implements HandlerInterceptor {

  /** The request attribute holding who made the request, for the audit. */
  static final String ACTOR = "dev.notifier.admin.actor";

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private record Known(byte[] digest, boolean canWrite, String fingerprint) {}

  private final boolean enabled;
  private final List<Known> tokens;

  AdminAuth(AdminProperties properties) {
    this.enabled = properties.enabled();
    this.tokens =
        java.util.stream.Stream.concat(
                properties.writeTokens().stream().map(t -> known(t, true)),
                properties.readOnlyTokens().stream().map(t -> known(t, false)))
            .toList();
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!enabled) {
      Problems.write(
          response,
          HttpStatus.FORBIDDEN,
          "the admin API is off: set notifier.admin.token (NOTIFIER_ADMIN_TOKEN) to turn it on",
          List.of());
      return false;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : "";
    Known caller = match(presented);
    if (caller == null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      Problems.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "missing or wrong admin token (Authorization: Bearer ...)",
          List.of());
      return false;
    }
    if (!caller.canWrite() && !READS.contains(request.getMethod())) {
      Problems.write(
          response, HttpStatus.FORBIDDEN, "this token may read but not change anything", List.of());
      return false;
    }
    request.setAttribute(ACTOR, "token:" + caller.fingerprint() + "@" + request.getRemoteAddr());
    return true;
  }

  /** Whether the request's token may read (for what is shown only to a caller with a token). */
  boolean recognises(@Nullable String authorization) {
    return enabled
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && match(authorization.substring(7).trim()) != null;
  }

  private @Nullable Known match(String presented) {
    byte[] digest = sha256(presented);
    Known found = null;
    for (Known k : tokens) {
      // no early exit: every comparison is made whichever matches
      if (MessageDigest.isEqual(digest, k.digest()) && found == null) {
        found = k;
      }
    }
    return presented.isEmpty() ? null : found;
  }

  private static Known known(String token, boolean canWrite) {
    byte[] digest = sha256(token);
    return new Known(digest, canWrite, HexFormat.of().formatHex(digest, 0, 4));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
