/**
 * How the notifier reaches the outside world: which addresses it may connect to (the SSRF guard),
 * and through which proxy.
 */
@NullMarked
package dev.notifier.egress;

import org.jspecify.annotations.NullMarked;
