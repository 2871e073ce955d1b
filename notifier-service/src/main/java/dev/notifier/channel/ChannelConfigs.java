package dev.notifier.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds a target's stored settings (one JSON object) to what its sender reads: the mentions by the
 * channel's {@link MentionRules}, the {@link TargetOptions} every channel shares, and the rest to
 * the channel's {@link ChannelConfig} record. Strictly when a target is saved (an unknown setting,
 * or {@code "12"} where a number belongs, is refused naming its field); leniently when a stored
 * target is read for sending, so that a setting an older version accepted is ignored rather than
 * breaking the target.
 */
public final class ChannelConfigs {

  /** Stateless and shared: it holds no configuration of any context, only Jackson's type rules. */
  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private ChannelConfigs() {}

  /** A target's settings bound, or why they cannot be. */
  public sealed interface Bound {}

  public record Ok(Destination destination) implements Bound {}

  /** The settings cannot be used; each problem names its field ({@code config.msgtype}). */
  public record Invalid(List<ConfigProblem> problems) implements Bound {

    /** The problems in one line, for a delivery refused because of them. */
    public String detail() {
      return problems.stream()
          .map(p -> p.field() + ": " + p.message())
          .collect(Collectors.joining("; "));
    }
  }

  /** Why settings are read, which decides what an unknown setting means. */
  public enum Reading {
    /** To be saved: an unknown setting is refused. */
    SAVE,
    /** Stored, to be sent with: an unknown setting is ignored. */
    SEND
  }

  /**
   * The destination for settings known to be good (a test's, or a sender's own check message).
   *
   * @throws IllegalArgumentException with the problems, when they are not
   */
  public static Destination destination(
      ChannelSender sender,
      long id,
      String name,
      @Nullable String url,
      @Nullable String secret,
      Map<String, Object> config) {
    return switch (bind(Reading.SAVE, sender, id, name, url, secret, config)) {
      case Ok ok -> ok.destination();
      case Invalid invalid -> throw new IllegalArgumentException(invalid.detail());
    };
  }

  /** Binds a target's settings for its channel's sender. */
  public static Bound bind(
      Reading reading,
      ChannelSender sender,
      long id,
      String name,
      @Nullable String url,
      @Nullable String secret,
      Map<String, Object> config) {
    Set<String> mentionNames =
        sender.mentionRules().stream().map(MentionRules.Rule::name).collect(Collectors.toSet());
    List<ConfigProblem> problems = new ArrayList<>();
    TargetOptions options = TargetOptions.NONE;
    try {
      options = TargetOptions.of(config);
    } catch (IllegalArgumentException e) {
      problems.add(ConfigProblem.parse(e.getMessage(), "config"));
    }
    Map<String, Object> own = new LinkedHashMap<>(config);
    own.keySet().removeAll(mentionNames);
    own.keySet().removeAll(TargetOptions.NAMES);
    ChannelConfig channelConfig = own(sender.configType(), own, reading, problems);
    if (channelConfig == null || !problems.isEmpty()) {
      return new Invalid(List.copyOf(problems));
    }
    MentionSet mentions = MentionSet.of(config, mentionNames);
    return new Ok(new Destination(id, name, url, secret, channelConfig, mentions, options));
  }

  /** The channel's own settings, or null with the problem added to {@code problems}. */
  private static @Nullable ChannelConfig own(
      Class<? extends ChannelConfig> type,
      Map<String, Object> settings,
      Reading reading,
      List<ConfigProblem> problems) {
    ObjectReader reader =
        STRICT.readerFor(type).with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    reader =
        reading == Reading.SAVE
            ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      JsonNode tree = STRICT.valueToTree(settings);
      return reader.readValue(tree);
    } catch (JacksonException e) {
      problems.add(ConfigProblem.of(e, "config."));
    } catch (IllegalArgumentException e) {
      // a record's own constructor refusing a value it was given
      problems.add(ConfigProblem.parse(e.getMessage(), "config"));
    }
    return null;
  }
}
