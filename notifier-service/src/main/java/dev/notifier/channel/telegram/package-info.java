/** Telegram: Bot API messages in HTML, charts as photos. */
@NullMarked
package dev.notifier.channel.telegram;

import org.jspecify.annotations.NullMarked;
