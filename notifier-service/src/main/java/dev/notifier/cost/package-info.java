/** Cost alerts: levels of a quota crossed, from snapshot events and from a periodic check. */
@NullMarked
package dev.notifier.cost;

import org.jspecify.annotations.NullMarked;
