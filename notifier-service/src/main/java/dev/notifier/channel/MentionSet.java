package dev.notifier.channel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a message mentions, in its platform's settings names ({@code mentionedList} for WeCom, {@code
 * atUserIds} for DingTalk, ...): lists of ids, and switches that are on. A target's own and its
 * bindings' are added together when a message is sent: lists joined without repeats, a switch on
 * when either turns it on. Both are checked against the channel's {@link MentionRules} when saved.
 */
public record MentionSet(Map<String, List<String>> ids, Set<String> on) {

  public static final MentionSet NONE = new MentionSet(Map.of(), Set.of());

  public MentionSet {
    ids = Map.copyOf(ids);
    on = Set.copyOf(on);
  }

  /**
   * The mentions among {@code settings}: a list as ids (blank ones left out), {@code true} as a
   * switch that is on. Only the names in {@code names}, or every name when it is null.
   */
  public static MentionSet of(Map<String, Object> settings, Set<String> names) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    Set<String> on = new HashSet<>();
    settings.forEach(
        (name, value) -> {
          if (!names.contains(name)) {
            return;
          }
          if (value instanceof List<?> list) {
            ids.put(name, list.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList());
          } else if (Boolean.TRUE.equals(value)) {
            on.add(name);
          }
        });
    return new MentionSet(ids, on);
  }

  /** The ids listed under {@code name}, none when it lists none. */
  public List<String> ids(String name) {
    return ids.getOrDefault(name, List.of());
  }

  /** Whether the switch {@code name} is on. */
  public boolean on(String name) {
    return on.contains(name);
  }

  public boolean isEmpty() {
    return ids.isEmpty() && on.isEmpty();
  }

  /** Both sets of mentions: lists joined without repeats, switches on when either is. */
  public MentionSet plus(MentionSet more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, List<String>> joined = new LinkedHashMap<>(ids);
    more.ids.forEach(
        (name, list) -> {
          Set<String> both = new LinkedHashSet<>(joined.getOrDefault(name, List.of()));
          both.addAll(list);
          joined.put(name, new ArrayList<>(both));
        });
    Set<String> switches = new HashSet<>(on);
    switches.addAll(more.on);
    return new MentionSet(joined, switches);
  }
}
