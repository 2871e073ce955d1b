/** The console channel: prints the rendered message, for local runs and dry runs. */
@NullMarked
package dev.notifier.channel.log;

import org.jspecify.annotations.NullMarked;
