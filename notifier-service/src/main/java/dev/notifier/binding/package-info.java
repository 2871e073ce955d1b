/** Who must be told: settings, targets and bindings from PostgreSQL, cached per instance. */
@NullMarked
package dev.notifier.binding;

import org.jspecify.annotations.NullMarked;
