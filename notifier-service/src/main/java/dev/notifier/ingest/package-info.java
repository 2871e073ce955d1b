/**
 * Reading notifier.events: validation, dead-lettering of bad events, and routing each type to its
 * handling.
 */
@NullMarked
package dev.notifier.ingest;

import org.jspecify.annotations.NullMarked;
