package dev.notifier.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxBytes events larger than this are dead-lettered unread, whatever the broker accepted
 * @param concurrency consumer threads for the events topic in this instance: one per partition (6
 *     by default) keeps them all busy; each waits for its poll's usage batch to be written
 * @param maxPollRecords records per poll of the events topic: a poll's usage events are written in
 *     one transaction, so larger polls mean fewer, larger transactions
 */
@ConfigurationProperties("notifier.events")
record IngestProperties(
    @DefaultValue("65536") int maxBytes,
    @DefaultValue("6") int concurrency,
    @DefaultValue("1000") int maxPollRecords) {}
