/** Discord: webhook messages with embeds and chart uploads. */
@NullMarked
package dev.notifier.channel.discord;

import org.jspecify.annotations.NullMarked;
