package dev.notifier.binding;

import dev.notifier.channel.ConfigProblem;
import dev.notifier.routing.Filters;
import dev.notifier.routing.Mute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a binding's stored routing rules. The API refuses bad rules; rules written by hand in SQL
 * that cannot be read are ignored with a warning (and shown by the configuration check), so the
 * binding sends everything rather than nothing: a notifier that goes quiet over a typo is worse
 * than one that is too loud. Its backup and language are plain columns, always kept.
 */
final class BindingRoutes {

  private static final Logger log = LoggerFactory.getLogger(BindingRoutes.class);

  private final JsonMapper json;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  BindingRoutes(JsonMapper json) {
    this.json = json;
  }

  Binding read(
      Binding b,
      @Nullable String locale,
      @Nullable String filters,
      @Nullable String mute,
      @Nullable String mentions,
      @Nullable Long backupTargetId,
      @Nullable String template) {
    Filters f = Filters.NONE;
    Mute m = null;
    Map<String, Object> at = Map.of();
    Object t = null;
    List<ConfigProblem> problems = new ArrayList<>();
    try {
      f = Filters.parse(tree(filters), b.type(), problems);
      m = Mute.parse(tree(mute), problems);
      if (template != null) {
        t = json.readValue(template, Object.class);
      }
      if (mentions != null) {
        at = json.readValue(mentions, new TypeReference<Map<String, Object>>() {});
      }
    } catch (RuntimeException e) {
      problems.add(new ConfigProblem("binding", "unreadable JSON"));
    }
    if (!problems.isEmpty()) {
      // the snapshot is read every few seconds: said once per binding and problem, not each time
      if (warned.add(b.id() + " " + problems)) {
        log.warn(
            "binding {} ({}): routing rules ignored, they cannot be read: {}",
            b.id(),
            b.type().wireName(),
            problems);
      }
      f = Filters.NONE;
      m = null;
      at = Map.of();
      t = null;
    }
    return new Binding(
        b.id(),
        b.type(),
        b.targetId(),
        b.enabled(),
        b.scheduleCron(),
        b.scheduleTimezone(),
        b.createdAt(),
        f,
        m,
        at == null ? Map.of() : at,
        backupTargetId,
        t,
        locale);
  }

  private @Nullable JsonNode tree(@Nullable String text) {
    return text == null ? null : json.readTree(text);
  }
}
