/**
 * The foundation the features share: topic names, the clock as a SQL parameter, the periodic
 * ticker, and how a database or broker fault is told from bad data and waited out.
 */
@NullMarked
package dev.notifier.base;

import org.jspecify.annotations.NullMarked;
