/**
 * Getting one message to one target: the deliveries topic, the delivery log, in-process retries
 * (Resilience4j), retry topics, the dead-letter topic and replay. The only place that retries,
 * records or dead-letters deliveries.
 */
@NullMarked
package dev.notifier.delivery;

import org.jspecify.annotations.NullMarked;
