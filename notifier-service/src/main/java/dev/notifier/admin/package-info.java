/**
 * The admin REST API under {@code /api}: targets saved with their settings checked (by the channel,
 * and by the platform where only it knows), test-sends, and an audit row for every change. Every
 * request needs the admin bearer token; credentials are never answered back.
 */
@NullMarked
package dev.notifier.admin;

import org.jspecify.annotations.NullMarked;
