-- The deliveries history: one row per attempt to send (in-process retries, retry topics, replays and digests
-- alike), with what the platform said, redacted. Kept for notifier.delivery.attempt-retention (30 days).
CREATE TABLE delivery_attempts (
    id                BIGSERIAL   PRIMARY KEY,
    notification_id   TEXT        NOT NULL,
    target_id         BIGINT      NOT NULL,
    notification_type TEXT        NOT NULL,
    channel           TEXT        NOT NULL,
    at                TIMESTAMPTZ NOT NULL,
    outcome           TEXT        NOT NULL CHECK (outcome IN ('delivered', 'failed')),
    reason            TEXT,
    latency_ms        INTEGER     NOT NULL,
    detail            TEXT
);
CREATE INDEX delivery_attempts_at ON delivery_attempts (at);
CREATE INDEX delivery_attempts_target ON delivery_attempts (target_id, id);
