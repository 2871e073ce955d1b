package dev.notifier.usage;

import java.time.Duration;

/**
 * The prompt cache's TTL as the settings say now. Usage sits beside the settings, not above them,
 * so whoever knows the settings provides this (the cache-hit checks do).
 */
@FunctionalInterface
public interface CacheTtl {
  Duration now();
}
