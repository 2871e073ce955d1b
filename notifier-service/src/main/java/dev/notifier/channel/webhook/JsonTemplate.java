package dev.notifier.channel.webhook;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills a JSON template's {@code {{name}}} placeholders. Inside a JSON string a value is inserted
 * as escaped text; standing as a JSON value of its own it is inserted as JSON, so numbers stay
 * numbers and lists stay arrays. An unknown name becomes empty text inside a string and {@code
 * null} elsewhere.
 */
final class JsonTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

  private JsonTemplate() {}

  static String fill(String template, Map<String, Object> values, JsonMapper json) {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    boolean inString = false;
    while (m.find()) {
      inString = inString ^ quotesToggle(template, last, m.start());
      out.append(template, last, m.start());
      Object value = values.get(m.group(1));
      if (inString) {
        String text = value == null ? "" : String.valueOf(value);
        String quoted = json.writeValueAsString(text);
        out.append(quoted, 1, quoted.length() - 1);
      } else {
        out.append(json.writeValueAsString(value));
      }
      last = m.end();
    }
    return out.append(template, last, template.length()).toString();
  }

  /** Whether an odd number of unescaped quotes lies in {@code [from, to)}. */
  private static boolean quotesToggle(String text, int from, int to) {
    boolean toggle = false;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == '"') {
        toggle = !toggle;
      }
    }
    return toggle;
  }
}
