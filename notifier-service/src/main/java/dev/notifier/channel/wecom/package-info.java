/** WeCom (企业微信) group bots: markdown messages to a webhook whose key is in the URL. */
@NullMarked
package dev.notifier.channel.wecom;

import org.jspecify.annotations.NullMarked;
