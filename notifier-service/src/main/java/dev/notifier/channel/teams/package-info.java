/** Microsoft Teams: Adaptive Cards through a workflow or incoming webhook. */
@NullMarked
package dev.notifier.channel.teams;

import org.jspecify.annotations.NullMarked;
