/** Feishu / Lark: custom-bot cards, signing and mentions. */
@NullMarked
package dev.notifier.channel.feishu;

import org.jspecify.annotations.NullMarked;
