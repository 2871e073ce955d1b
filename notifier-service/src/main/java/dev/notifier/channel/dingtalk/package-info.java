/** DingTalk: custom-robot Markdown, signing and mentions. */
@NullMarked
package dev.notifier.channel.dingtalk;

import org.jspecify.annotations.NullMarked;
