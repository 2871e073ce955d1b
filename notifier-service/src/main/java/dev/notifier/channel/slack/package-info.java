/** Slack: incoming-webhook Block Kit messages and mentions. */
@NullMarked
package dev.notifier.channel.slack;

import org.jspecify.annotations.NullMarked;
