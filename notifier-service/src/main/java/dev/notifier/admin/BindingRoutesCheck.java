package dev.notifier.admin;

import dev.notifier.channel.ChannelSender;
import dev.notifier.channel.ConfigProblem;
import dev.notifier.message.NotificationType;
import dev.notifier.routing.Filters;
import dev.notifier.routing.Mute;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A binding's routing rules, checked on save as the pipeline will read them: filters that suit its
 * type, mute windows that parse, mentions its target's platform knows, and a backup that is another
 * existing target.
 */
@Component
class BindingRoutesCheck {

  private final TargetRules targets;
  private final JdbcClient jdbc;
  private final JsonMapper json;

  BindingRoutesCheck(TargetRules targets, JdbcClient jdbc, JsonMapper json) {
    this.targets = targets;
    this.jdbc = jdbc;
    this.json = json;
  }

  void check(
      NotificationType type,
      @Nullable Long targetId,
      @Nullable JsonNode filters,
      @Nullable JsonNode mute,
      @Nullable JsonNode mentions,
      @Nullable Long backupTargetId,
      @Nullable JsonNode template,
      List<ConfigProblem> problems) {
    Filters.parse(filters, type, problems);
    Mute.parse(mute, problems);
    if (mentions != null) {
      if (!mentions.isObject()) {
        problems.add(new ConfigProblem("mentions", "expected an object, or null"));
      } else if (targetId != null) {
        channel(targetId)
            .flatMap(targets::sender)
            .ifPresent(sender -> problems.addAll(mentionProblems(sender, mentions)));
      }
    }
    if (template != null && targetId != null) {
      Object value = json.convertValue(template, Object.class);
      channel(targetId)
          .flatMap(targets::sender)
          .ifPresent(
              sender ->
                  problems.addAll(sender.checkTemplate("template_override", value, List.of(type))));
    }
    if (backupTargetId != null) {
      if (Objects.equals(backupTargetId, targetId)) {
        problems.add(new ConfigProblem("backup_target_id", "must be another target"));
      } else if (channel(backupTargetId).isEmpty()) {
        problems.add(new ConfigProblem("backup_target_id", "no such target"));
      }
    }
  }

  private List<ConfigProblem> mentionProblems(ChannelSender sender, JsonNode mentions) {
    Map<String, Object> map = json.convertValue(mentions, new TypeReference<>() {});
    return sender.checkMentions(map);
  }

  private java.util.Optional<String> channel(long targetId) {
    return jdbc.sql("SELECT channel FROM webhook_targets WHERE id = :id")
        .param("id", targetId)
        .query(String.class)
        .optional();
  }
}
