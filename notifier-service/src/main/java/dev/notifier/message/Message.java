package dev.notifier.message;

import java.util.List;
import java.util.Map;

/**
 * A notification as people read it, before any channel's syntax: title, level, body blocks and a
 * footer line. {@code variables} holds the raw values (provider_name, failure_count, ...) for
 * channels with user templates.
 */
public record Message(
    String title, Level level, List<Block> blocks, String footer, Map<String, Object> variables) {}
