/**
 * Scheduled notifications (the daily leaderboard): cron and zone per binding, fires claimed in
 * PostgreSQL.
 */
@NullMarked
package dev.notifier.schedule;

import org.jspecify.annotations.NullMarked;
