package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API reads at most {@code notifier.admin.max-body} bytes of a request, and only JSON: a
 * larger body is refused with 413 before it is parsed (one big request must not exhaust a small
 * heap), another media type with 415. The body of a request with a known token is read here once,
 * within the limit, so that a chunked request without a length is held to it too; any other is
 * refused by the token check unread.
 */
final class RequestLimits extends OncePerRequestFilter {

  private final int maxBody;
  private final AdminAuth auth;

  RequestLimits(AdminProperties properties, AdminAuth auth) {
    this.maxBody = Math.toIntExact(properties.maxBody().toBytes());
    this.auth = auth;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    boolean hasBody = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    if (!hasBody) {
      chain.doFilter(request, response);
      return;
    }
    if (declared > maxBody) {
      tooLarge(response);
      return;
    }
    if (!auth.recognises(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      // Refused by the token check without a byte of the body read.
      chain.doFilter(request, response);
      return;
    }
    if (!isJson(request.getContentType())) {
      Problems.write(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "the request body must be JSON",
          List.of(new ConfigProblem("Content-Type", "expected application/json")));
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxBody + 1);
    if (body.length > maxBody) {
      tooLarge(response);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    // The rest of the body is not read; the connection is closed rather than drained.
    response.setHeader(HttpHeaders.CONNECTION, "close");
    Problems.write(
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "the request body is larger than " + maxBody + " bytes (notifier.admin.max-body)",
        List.of(new ConfigProblem("body", "at most " + maxBody + " bytes")));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type)
          || type.getSubtype().endsWith("+json") && type.getType().equals("application");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The request with its body already read, served from memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        /** The whole body is here already: the listener hears so at once. */
        @Override
        public void setReadListener(ReadListener listener) {
          try {
            if (in.available() > 0) {
              listener.onDataAvailable();
            }
            listener.onAllDataRead();
          } catch (IOException e) {
            listener.onError(e);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
