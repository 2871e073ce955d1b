/**
 * The cache-hit-rate alert: every few minutes, each provider and model's prompt-cache hit rate over
 * a sliding window, judged against a floor and a baseline, told once per cool-down.
 */
@NullMarked
package dev.notifier.cachehit;

import org.jspecify.annotations.NullMarked;
