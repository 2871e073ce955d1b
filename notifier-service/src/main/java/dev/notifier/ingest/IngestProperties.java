package dev.notifier.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxBytes events larger than this are dead-lettered unread, whatever the broker accepted
 * @param concurrency consumer threads for the events topic in this instance
 */
@ConfigurationProperties("notifier.events")
public record IngestProperties(
    @DefaultValue("65536") int maxBytes, @DefaultValue("2") int concurrency) {}
