package dev.notifier.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mentions are settings of the target's platform ({@code mentionedList} for WeCom, {@code
 * atUserIds} for DingTalk, ...), named by each channel. A binding's are added to its target's own:
 * lists are joined without repeats, a switch is on when either turns it on.
 */
public final class Mentions {

  private Mentions() {}

  /** Adds {@code more} into {@code into}. */
  public static void merge(Map<String, Object> into, Map<String, Object> more) {
    for (Map.Entry<String, Object> e : more.entrySet()) {
      Object have = into.get(e.getKey());
      Object add = e.getValue();
      if (have instanceof List<?> a && add instanceof List<?> b) {
        Set<Object> joined = new LinkedHashSet<>(a);
        joined.addAll(b);
        into.put(e.getKey(), new ArrayList<>(joined));
      } else if (have instanceof Boolean a && add instanceof Boolean b) {
        into.put(e.getKey(), a || b);
      } else if (have == null) {
        into.put(e.getKey(), add);
      }
    }
  }
}
