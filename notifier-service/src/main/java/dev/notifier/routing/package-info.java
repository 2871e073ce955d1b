/**
 * Routing rules a binding carries: which of its type's notifications it passes on (filters), and
 * when its target is not to be disturbed (mute windows). Pure rules over a message and a time; the
 * delivery package applies them.
 */
@NullMarked
package dev.notifier.routing;

import org.jspecify.annotations.NullMarked;
