/**
 * The contract every platform implements, plus what they all share: HTTP transport, outcome
 * classification, redaction and truncation. A sender makes exactly one attempt; retrying and
 * recording belong to delivery.
 */
@NullMarked
package dev.notifier.channel;

import org.jspecify.annotations.NullMarked;
