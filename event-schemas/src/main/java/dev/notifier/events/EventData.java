package dev.notifier.events;

/** The typed {@code data} of an event; one record per event type. */
public sealed interface EventData
    permits BreakerOpened, BreakerClosed, CostSnapshot, UsageRecorded {}
