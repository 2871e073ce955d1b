-- Highest cost-alert level already sent per target, window and period: each level goes out once per period.
CREATE TABLE cost_alert_state (
    target_type  TEXT        NOT NULL,
    target_id    BIGINT      NOT NULL,
    time_window  TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    level        SMALLINT    NOT NULL,
    event_id     TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (target_type, target_id, time_window, period_start)
);

-- Request ids already counted, so a redelivered usage event is not counted twice.
CREATE TABLE usage_seen (
    request_id TEXT PRIMARY KEY,
    seen_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX usage_seen_age ON usage_seen (seen_at);

-- Hourly roll-ups behind leaderboards and usage reports.
CREATE TABLE usage_hourly (
    hour                  TIMESTAMPTZ    NOT NULL,
    user_id               BIGINT         NOT NULL,
    user_name             TEXT           NOT NULL,
    key_id                BIGINT         NOT NULL DEFAULT -1,
    provider_id           BIGINT         NOT NULL,
    model                 TEXT           NOT NULL,
    requests              BIGINT         NOT NULL DEFAULT 0,
    errors                BIGINT         NOT NULL DEFAULT 0,
    input_tokens          BIGINT         NOT NULL DEFAULT 0,
    output_tokens         BIGINT         NOT NULL DEFAULT 0,
    cache_creation_tokens BIGINT         NOT NULL DEFAULT 0,
    cache_read_tokens     BIGINT         NOT NULL DEFAULT 0,
    cost                  NUMERIC(20, 8) NOT NULL DEFAULT 0,
    duration_ms           BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, user_id, key_id, provider_id, model)
);
