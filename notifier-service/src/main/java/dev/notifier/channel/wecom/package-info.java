/**
 * WeCom (企业微信) group bots: markdown, text and image messages to a webhook whose key is in the URL.
 */
@NullMarked
package dev.notifier.channel.wecom;

import org.jspecify.annotations.NullMarked;
