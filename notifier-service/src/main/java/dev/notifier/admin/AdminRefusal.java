package dev.notifier.admin;

import dev.notifier.channel.ConfigProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Why the admin API turned a request down, with the status it answers. */
abstract sealed class AdminRefusal extends RuntimeException {

  private final HttpStatus status;

  private AdminRefusal(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  /** The fields to fix; empty when the refusal is not about a field. */
  List<ConfigProblem> problems() {
    return List.of();
  }

  /** Settings that are wrong, each named by its field. */
  static final class Invalid extends AdminRefusal {
    private final List<ConfigProblem> problems;

    Invalid(List<ConfigProblem> problems) {
      this("invalid target", problems);
    }

    /** {@code detail}: what was invalid ("invalid settings"). */
    Invalid(String detail, List<ConfigProblem> problems) {
      super(HttpStatus.BAD_REQUEST, detail);
      this.problems = List.copyOf(problems);
    }

    @Override
    List<ConfigProblem> problems() {
      return problems;
    }
  }

  static final class NotFound extends AdminRefusal {
    NotFound(long id) {
      this("target", id);
    }

    /** {@code what}: "binding", "target". */
    NotFound(String what, long id) {
      super(HttpStatus.NOT_FOUND, "no " + what + " " + id);
    }
  }

  /** The change would break a uniqueness the data keeps (one binding per type and target). */
  static final class Conflict extends AdminRefusal {
    private final List<ConfigProblem> problems;

    Conflict(String detail, List<ConfigProblem> problems) {
      super(HttpStatus.CONFLICT, detail);
      this.problems = List.copyOf(problems);
    }

    @Override
    List<ConfigProblem> problems() {
      return problems;
    }
  }

  static final class NameTaken extends AdminRefusal {
    NameTaken() {
      super(HttpStatus.CONFLICT, "name taken");
    }

    @Override
    List<ConfigProblem> problems() {
      return List.of(new ConfigProblem("name", "another target already has this name"));
    }
  }

  /**
   * The platform could not say whether the settings are right (timeout, busy, rate limited). The
   * target is not saved unchecked; the client may retry, or save with {@code verify=false}.
   */
  static final class Unverified extends AdminRefusal {
    Unverified(String detail) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          "the platform could not check the target ("
              + detail
              + "); try again, or save with ?verify=false to skip the check");
    }
  }
}
