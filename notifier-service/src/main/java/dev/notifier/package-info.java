/** The notifier service; each sub-package is one feature. */
@NullMarked
package dev.notifier;

import org.jspecify.annotations.NullMarked;
