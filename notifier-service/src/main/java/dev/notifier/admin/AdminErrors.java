package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Turns refusals into answers a client can act on: {@code {"error": ..., "problems": [{"field",
 * "message"}]}}. Parser messages are not passed on, since they may quote the value sent (a secret).
 */
@RestControllerAdvice(assignableTypes = TargetsController.class)
class AdminErrors {

  @ExceptionHandler(AdminRefusal.class)
  ResponseEntity<Map<String, Object>> refused(AdminRefusal refusal) {
    return answer(refusal.status(), refusal.getMessage(), refusal.problems());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JacksonException j && !j.getPath().isEmpty()) {
      return answer(
          HttpStatus.BAD_REQUEST,
          "invalid target",
          List.of(new ConfigProblem(path(j), "wrong type")));
    }
    return answer(
        HttpStatus.BAD_REQUEST,
        "invalid target",
        List.of(new ConfigProblem("body", "expected a JSON object")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        "invalid request",
        List.of(new ConfigProblem(e.getName(), "expected " + typeName(e))));
  }

  private static String typeName(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    return type == null ? "another value" : type == long.class ? "a number" : type.getSimpleName();
  }

  private static String path(JacksonException e) {
    return e.getPath().stream()
        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()))
        .collect(Collectors.joining("."));
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, String error, List<ConfigProblem> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    if (!problems.isEmpty()) {
      body.put("problems", problems);
    }
    return ResponseEntity.status(status).body(body);
  }
}
