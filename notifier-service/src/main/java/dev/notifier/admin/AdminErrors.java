package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of every controller as a problem detail (RFC 9457), Spring MVC's own (unknown path,
 * wrong method, wrong media type) included, so a new controller cannot fall back to another format.
 * Parser messages are not passed on, since they may quote the value sent (a secret); the field is
 * named instead. An unexpected exception is a 500 problem without its message.
 */
@RestControllerAdvice
class AdminErrors extends ResponseEntityExceptionHandler {

  @ExceptionHandler(AdminRefusal.class)
  ProblemDetail refused(AdminRefusal refusal) {
    return Problems.of(
        refusal.status(), Objects.requireNonNullElse(refusal.getMessage(), ""), refusal.problems());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return Problems.of(
        HttpStatus.BAD_REQUEST,
        "invalid request",
        List.of(new ConfigProblem(e.getName(), "expected " + typeName(e))));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    logger.error("admin request failed", e);
    return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", List.of());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ConfigProblem problem =
        e.getCause() instanceof JacksonException j
            ? problem(j)
            : new ConfigProblem("body", "expected a JSON object");
    return ResponseEntity.badRequest()
        .body(Problems.of(HttpStatus.BAD_REQUEST, "unreadable request", List.of(problem)));
  }

  /**
   * The field the parser stopped at and what it wanted there; never the value sent. Also for a body
   * a service reads into its request record itself.
   */
  static ConfigProblem problem(JacksonException e) {
    return ConfigProblem.of(e, "");
  }

  private static String typeName(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    return type == null ? "another value" : type == long.class ? "a number" : type.getSimpleName();
  }
}
