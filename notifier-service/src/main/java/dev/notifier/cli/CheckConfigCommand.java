package dev.notifier.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code notifier check-config}: asks the running notifier to check every stored target and binding
 * as a save would ({@code GET /api/config/check}), and prints the problems and where each
 * notification type would go now.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Checks settings, targets, bindings and templates as stored, and shows where each"
          + " notification type would go."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no problems",
      "1:problems found (listed)",
      "2:wrong arguments",
      "3:the notifier could not be reached or refused the token"
    })
final class CheckConfigCommand implements Callable<Integer> {

  @Spec @Nullable CommandSpec spec;

  @Mixin ApiOptions api = new ApiOptions();

  @Override
  public Integer call() {
    PrintWriter out = Specs.out(spec);
    PrintWriter err = Specs.err(spec);
    ApiOptions.Answer answer;
    try {
      answer = api.call("GET", "/api/config/check", null);
    } catch (ApiOptions.Unreachable e) {
      err.println("check-config: " + e.getMessage());
      return Specs.UNREACHABLE;
    }
    if (answer.status() != 200) {
      err.println("check-config: the notifier answered " + answer.status() + ": " + answer.body());
      return Specs.UNREACHABLE;
    }
    JsonNode report = JsonMapper.builder().build().readTree(answer.body());
    for (JsonNode route : report.get("routes")) {
      out.printf("%-18s %s%n", route.get("notification_type").asString(), where(route));
    }
    JsonNode problems = report.get("problems");
    if (problems.isEmpty()) {
      out.println("no problems");
      return 0;
    }
    out.println(problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
    for (JsonNode p : problems) {
      out.printf(
          "  %s: %s: %s%n",
          p.get("where").asString(), p.get("field").asString(), p.get("message").asString());
    }
    return 1;
  }

  /** "→ ops (slack), night (wecom) [muted by rule]", or why nowhere. */
  private static String where(JsonNode route) {
    StringBuilder to = new StringBuilder();
    for (JsonNode t : route.get("targets")) {
      to.append(to.isEmpty() ? "→ " : ", ")
          .append(t.get("name").asString())
          .append(" (")
          .append(t.get("channel").asString())
          .append(")");
      StringBuilder rules = new StringBuilder();
      for (String rule : new String[] {"filtered", "muted_by_rule", "mentions", "template"}) {
        if (t.path(rule).asBoolean(false)) {
          rules.append(rules.isEmpty() ? "" : ", ").append(rule.replace('_', ' '));
        }
      }
      if (!t.path("backup_target_id").isNull() && t.has("backup_target_id")) {
        rules
            .append(rules.isEmpty() ? "" : ", ")
            .append("backup ")
            .append(t.get("backup_target_id").asLong());
      }
      if (!rules.isEmpty()) {
        to.append(" [").append(rules).append(']');
      }
    }
    if (!route.path("note").isNull() && route.has("note")) {
      to.append(to.isEmpty() ? "" : "; ").append(route.get("note").asString());
    }
    if (!route.path("schedule").isNull() && route.has("schedule")) {
      to.append("; ").append(route.get("schedule").asString());
    }
    return to.toString();
  }
}
