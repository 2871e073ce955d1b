/** The event contract: CloudEvents envelope, typed payloads and their validation. */
@NullMarked
package dev.notifier.events;

import org.jspecify.annotations.NullMarked;
