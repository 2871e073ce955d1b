/** What ops see: Prometheus metrics (every series present from start-up) and health. */
@NullMarked
package dev.notifier.ops;

import org.jspecify.annotations.NullMarked;
