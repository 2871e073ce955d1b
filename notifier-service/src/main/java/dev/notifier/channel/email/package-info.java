/** E-mail over SMTP: an HTML part and a plain-text alternative, over STARTTLS or implicit TLS. */
@NullMarked
package dev.notifier.channel.email;

import org.jspecify.annotations.NullMarked;
