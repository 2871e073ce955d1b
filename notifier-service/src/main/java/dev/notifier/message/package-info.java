/** Channel-neutral notifications and how each type reads, per locale and time zone. */
@NullMarked
package dev.notifier.message;

import org.jspecify.annotations.NullMarked;
