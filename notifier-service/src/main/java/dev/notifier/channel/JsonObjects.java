package dev.notifier.channel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Platform payloads written as maps, for senders whose JSON is a tree of the platform's names. */
public final class JsonObjects {

  private JsonObjects() {}

  /**
   * A JSON object whose keys keep the order given, so the same message is always the same bytes.
   */
  public static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
