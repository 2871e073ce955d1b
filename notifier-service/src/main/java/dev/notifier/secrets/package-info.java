/**
 * Secrets at rest: AES-GCM under keys from configuration, each sealed value naming its key, so keys
 * can rotate while old values stay readable.
 */
@NullMarked
package dev.notifier.secrets;

import org.jspecify.annotations.NullMarked;
