/** Custom webhooks: a JSON template per target, Standard Webhooks signing. */
@NullMarked
package dev.notifier.channel.webhook;

import org.jspecify.annotations.NullMarked;
