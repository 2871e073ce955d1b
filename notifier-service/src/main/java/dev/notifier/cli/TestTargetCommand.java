package dev.notifier.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code notifier test-target}: a test send from the shell, through the running notifier's own
 * renderer, sender and SSRF guard: a saved target by id (the result is kept as its last test), or
 * an unsaved one by URL and channel.
 */
@Command(
    name = "test-target",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a test message to a saved target (ID) or to one not saved yet (--url, --channel).",
      "--type sends that notification type's sample instead of the short test message."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the platform accepted it",
      "1:the platform refused it, or the target is invalid",
      "2:wrong arguments",
      "3:the notifier could not be reached or refused the token"
    })
final class TestTargetCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec @Nullable CommandSpec spec;

  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(arity = "0..1", paramLabel = "ID", description = "a saved target's id")
  @Nullable Long id;

  @Option(names = "--url", paramLabel = "URL", description = "an unsaved target's URL")
  @Nullable String url;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = "its channel (wecom, slack, ...)")
  @Nullable String channel;

  // never the secret itself as an argument: the process list would show it to anyone on the host
  @Option(
      names = "--secret-env",
      paramLabel = "VARIABLE",
      description = "the environment variable holding its secret, if it has one")
  @Nullable String secretEnv;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "send this notification type's sample (circuit_breaker, cost_alert, ...)")
  @Nullable String type;

  @Override
  public Integer call() {
    PrintWriter out = Specs.out(spec);
    PrintWriter err = Specs.err(spec);
    if ((id == null) == (url == null)) {
      err.println("test-target: give a target's ID or --url (one of them)");
      return 2;
    }
    if (url != null && channel == null) {
      err.println("test-target: --url needs --channel");
      return 2;
    }
    if (secretEnv != null && System.getenv(secretEnv) == null) {
      err.println("test-target: the environment has no " + secretEnv);
      return 2;
    }
    String query = type == null ? "" : "?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8);
    ApiOptions.Answer answer;
    try {
      answer =
          id != null
              ? api.call("POST", "/api/targets/" + id + "/test" + query, null)
              : api.call("POST", "/api/targets/test" + query, unsaved());
    } catch (ApiOptions.Unreachable e) {
      err.println("test-target: " + e.getMessage());
      return Specs.UNREACHABLE;
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body().isBlank() ? "{}" : answer.body());
    } catch (RuntimeException e) {
      err.println("test-target: " + api.describe() + " answered " + answer.status() + ", not JSON");
      return Specs.UNREACHABLE;
    }
    if (answer.status() != 200) {
      err.println("test-target: " + refusal(answer.status(), body));
      return answer.status() == 400 || answer.status() == 404 ? 1 : Specs.UNREACHABLE;
    }
    if (body.path("ok").asBoolean(false)) {
      out.printf("delivered in %d ms%n", body.path("millis").asInt());
      return 0;
    }
    out.printf(
        "failed in %d ms: %s%s%s%n",
        body.path("millis").asInt(),
        body.path("reason").asString(""),
        body.path("retryable").asBoolean(false) ? " (retryable)" : "",
        body.path("detail").isNull() ? "" : ": " + body.path("detail").asString(""));
    return 1;
  }

  private String unsaved() {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", "test-target");
    target.put("channel", channel);
    target.put("url", url);
    if (secretEnv != null) {
      target.put("secret", System.getenv(secretEnv));
    }
    return JSON.writeValueAsString(target);
  }

  /** The API's problem: its title and each field it names. */
  private static String refusal(int status, JsonNode problem) {
    StringBuilder out = new StringBuilder(problem.path("title").asString("answered " + status));
    for (JsonNode p : problem.path("problems")) {
      out.append("\n  ")
          .append(p.path("field").asString())
          .append(": ")
          .append(p.path("message").asString());
    }
    return out.toString();
  }
}
