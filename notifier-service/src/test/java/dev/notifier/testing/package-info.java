/** Real infrastructure for tests and local runs: Kafka, PostgreSQL and chat-platform stand-ins. */
@NullMarked
package dev.notifier.testing;

import org.jspecify.annotations.NullMarked;
