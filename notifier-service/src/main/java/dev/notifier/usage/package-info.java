/** Usage roll-ups: each request counted once, per hour, user, key, provider and model. */
@NullMarked
package dev.notifier.usage;

import org.jspecify.annotations.NullMarked;
