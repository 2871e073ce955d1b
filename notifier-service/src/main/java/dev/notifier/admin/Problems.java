package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's one error format, RFC 9457 problem details: {@code title} is the status's phrase,
 * {@code detail} says what went wrong, and {@code problems} lists each field to fix as {@code
 * {"field", "message"}}. Nothing in a problem repeats a value the client sent.
 */
final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  static ProblemDetail of(HttpStatus status, String detail, List<ConfigProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (!problems.isEmpty()) {
      problem.setProperty("problems", problems);
    }
    return problem;
  }

  /** For answers given before a controller is reached (filters, the token check). */
  static void write(
      HttpServletResponse response, HttpStatus status, String detail, List<ConfigProblem> problems)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // Spring's converters flatten a ProblemDetail's properties with a mix-in; written here by hand.
    ProblemDetail problem = of(status, detail, problems);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", String.valueOf(problem.getType()));
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
