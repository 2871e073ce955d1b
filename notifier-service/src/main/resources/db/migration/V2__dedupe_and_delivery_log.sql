-- Breaker dedupe: one row per key. The event that owns the current window may pass again (a redelivery);
-- any other event inside the window is suppressed and counted.
CREATE TABLE alert_suppressions (
    dedupe_key       TEXT PRIMARY KEY,
    owner_event_id   TEXT        NOT NULL,
    window_end       TIMESTAMPTZ NOT NULL,
    suppressed_count BIGINT      NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per (notification, target): what replays and redeliveries consult before sending again.
CREATE TABLE delivery_log (
    notification_id   TEXT        NOT NULL,
    target_id         BIGINT      NOT NULL,
    notification_type TEXT        NOT NULL,
    channel           TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('delivered', 'failed', 'skipped')),
    attempts          INTEGER     NOT NULL DEFAULT 0,
    reason            TEXT,
    last_error        TEXT,
    latency_ms        INTEGER,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (notification_id, target_id)
);
CREATE INDEX delivery_log_recent ON delivery_log (updated_at);
