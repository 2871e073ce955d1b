package dev.notifier.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a binding's mentions against a channel's settings: each name the channel knows, each value
 * shaped as the platform's ids are. Mentions are written into markup (a {@code <@id>}, an {@code
 * <at>} tag), so a value is held to the id's own alphabet rather than escaped.
 */
public final class MentionRules {

  /** A setting holding a list of ids of one shape, or a switch. */
  public record Rule(String name, @org.jspecify.annotations.Nullable Pattern ids, String shape) {

    public static Rule ids(String name, String regex, String shape) {
      return new Rule(name, Pattern.compile(regex), shape);
    }

    public static Rule flag(String name) {
      return new Rule(name, null, "true or false");
    }
  }

  private static final int MAX_IDS = 50;

  private MentionRules() {}

  /**
   * The same rules for a target's own settings, which may name who it mentions too: only the
   * mention settings are looked at, and a problem is put on {@code config.<name>}.
   */
  public static List<ConfigProblem> inSettings(Map<String, Object> config, List<Rule> rules) {
    Map<String, Object> present = new java.util.LinkedHashMap<>();
    rules.forEach(
        r -> {
          if (config.get(r.name()) != null) {
            present.put(r.name(), config.get(r.name()));
          }
        });
    return check(present, rules).stream()
        .map(
            p ->
                new ConfigProblem(
                    "config." + p.field().substring("mentions.".length()), p.message()))
        .toList();
  }

  public static List<ConfigProblem> check(Map<String, Object> mentions, List<Rule> rules) {
    List<ConfigProblem> problems = new ArrayList<>();
    Set<String> known = new java.util.TreeSet<>(rules.stream().map(Rule::name).toList());
    for (Map.Entry<String, Object> e : mentions.entrySet()) {
      String field = "mentions." + e.getKey();
      Rule rule = rules.stream().filter(r -> r.name().equals(e.getKey())).findFirst().orElse(null);
      if (rule == null) {
        problems.add(new ConfigProblem(field, "unknown; expected " + String.join(", ", known)));
      } else if (rule.ids() == null) {
        if (!(e.getValue() instanceof Boolean)) {
          problems.add(new ConfigProblem(field, "expected true or false"));
        }
      } else if (!(e.getValue() instanceof List<?> list
          && list.size() <= MAX_IDS
          && list.stream()
              .allMatch(v -> v instanceof String s && rule.ids().matcher(s).matches()))) {
        problems.add(
            new ConfigProblem(field, "expected a list of up to " + MAX_IDS + " " + rule.shape()));
      }
    }
    return problems;
  }
}
