/**
 * Deciding, once and for all instances, whether an alert may go out: breaker suppression windows.
 */
@NullMarked
package dev.notifier.dedupe;

import org.jspecify.annotations.NullMarked;
