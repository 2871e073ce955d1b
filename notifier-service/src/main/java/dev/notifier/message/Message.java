package dev.notifier.message;

import java.util.List;
import java.util.Map;

/**
 * A notification as people read it, before any channel's syntax: title, level, body blocks and a
 * footer line. {@code variables} holds the raw values (provider_name, failure_count, ...) for
 * channels with user templates. {@code charts} are drawn as pictures by the channels that can send
 * one; the blocks carry the same facts as text for every channel.
 */
public record Message(
    String title,
    Level level,
    List<Block> blocks,
    String footer,
    Map<String, Object> variables,
    List<Chart> charts) {

  public Message {
    charts = charts == null ? List.of() : List.copyOf(charts);
  }

  /** A message without charts. */
  public Message(
      String title, Level level, List<Block> blocks, String footer, Map<String, Object> variables) {
    this(title, level, blocks, footer, variables, List.of());
  }

  /** The same message without its charts (a digest line, a shortened retry). */
  public Message withoutCharts() {
    return new Message(title, level, blocks, footer, variables);
  }
}
