package dev.notifier.channel;

import java.util.List;

/**
 * A channel's own settings for one target, as a record its sender declares ({@link
 * ChannelSender#configType()}). Bound from the target's stored settings by {@link ChannelConfigs}
 * when the target is saved (where a mistake is refused, naming its field) and when a configuration
 * snapshot is loaded; a sender only ever reads the record.
 */
public interface ChannelConfig {

  /** Credentials inside the settings (a custom receiver's header values), for redaction. */
  default List<String> secrets() {
    return List.of();
  }

  /**
   * These settings with a binding's template in place of the target's own. Only the custom webhook
   * takes templates (a binding's template is refused for every other channel when it is saved).
   */
  default ChannelConfig withTemplate(Object template) {
    return this;
  }

  /** The settings of a channel that has none of its own beyond mentions, proxy and limits. */
  record None() implements ChannelConfig {}
}
