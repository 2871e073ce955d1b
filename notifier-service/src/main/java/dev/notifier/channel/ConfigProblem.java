package dev.notifier.channel;

/**
 * One mistake in a target's settings, named by the field as a client writes it ({@code url}, {@code
 * secret}, {@code config.keyword}), so that an API can answer with the field to fix.
 */
public record ConfigProblem(String field, String message) {}
