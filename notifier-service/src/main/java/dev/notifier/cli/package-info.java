/**
 * The operator's command line ({@code notifier publish ...}), on picocli, inside a non-web Spring
 * context so that {@code spring.kafka.*} and the topic names apply exactly as in the service.
 */
@NullMarked
package dev.notifier.cli;

import org.jspecify.annotations.NullMarked;
