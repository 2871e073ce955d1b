/**
 * Charts drawn as PNG on the server (headless, JFreeChart), for the channels whose webhooks take a
 * picture. Channels know only {@link dev.notifier.chart.ChartImages}; the data is the message's.
 */
@NullMarked
package dev.notifier.chart;

import org.jspecify.annotations.NullMarked;
