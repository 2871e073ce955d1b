package dev.notifier.channel.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads templates saved in the earlier form, where a placeholder standing for a JSON value was
 * written bare ({@code "count": {{failure_count}}}), which is not JSON. Each placeholder is swapped
 * for a number no template contains, the text is parsed by the JSON parser (which alone knows what
 * is inside a string), and each number is turned back into its placeholder: where it stood alone as
 * a value, as a string of its own (which keeps the value's type, as the bare form did); inside a
 * string, as the placeholder text. No scanner of our own decides what is quoted.
 */
final class EarlierTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
  // 19 digits: a long; no template has a reason to hold this run of digits
  private static final long BASE = 7_318_264_590_000_000_000L;

  private EarlierTemplates() {}

  /** The template as a JSON document, or null when it is not one in the earlier form either. */
  static @Nullable JsonNode upgrade(String text, JsonMapper json) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder swapped = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(swapped, String.valueOf(BASE + names.size()));
      names.add(m.group(1));
    }
    m.appendTail(swapped);
    // a template that holds the numbers' leading digits itself could be misread: left as it is
    if (names.isEmpty() || text.contains(String.valueOf(BASE).substring(0, 13))) {
      return null;
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(swapped.toString());
    } catch (RuntimeException e) {
      return null;
    }
    return parsed == null ? null : JsonLeaves.map(parsed, leaf -> restore(leaf, names, json), json);
  }

  /** A number that stands for a placeholder back as it, in a string of its own or in text. */
  private static JsonNode restore(JsonNode node, List<String> names, JsonMapper json) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long i = node.asLong() - BASE;
      if (i >= 0 && i < names.size()) {
        return json.getNodeFactory().stringNode("{{" + names.get((int) i) + "}}");
      }
      return node;
    }
    if (node.isString()) {
      String s = node.asString();
      for (int i = names.size() - 1; i >= 0; i--) {
        s = s.replace(String.valueOf(BASE + i), "{{" + names.get(i) + "}}");
      }
      return json.getNodeFactory().stringNode(s);
    }
    return node;
  }
}
