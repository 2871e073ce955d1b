-- The cache-hit-rate alert: its switch, its legacy URL and its settings (defaults: check every 5 minutes over the
-- last hour, baseline the past 7 days, cache TTL 5 minutes, floor 0.05, drop 0.10 and 30 %, 20 requests,
-- cool-down 30 minutes, 10 rows).
ALTER TABLE notification_settings
    ADD COLUMN cache_hit_alert_enabled          BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN legacy_cache_hit_alert_url       TEXT,
    ADD COLUMN cache_hit_check_interval_minutes INTEGER      NOT NULL DEFAULT 5
        CHECK (cache_hit_check_interval_minutes BETWEEN 1 AND 60),
    ADD COLUMN cache_hit_window_minutes         INTEGER      NOT NULL DEFAULT 60
        CHECK (cache_hit_window_minutes BETWEEN 5 AND 1440),
    ADD COLUMN cache_hit_baseline_days          INTEGER      NOT NULL DEFAULT 7
        CHECK (cache_hit_baseline_days BETWEEN 1 AND 30),
    ADD COLUMN cache_hit_ttl_seconds            INTEGER      NOT NULL DEFAULT 300
        CHECK (cache_hit_ttl_seconds BETWEEN 60 AND 86400),
    ADD COLUMN cache_hit_floor                  NUMERIC(5,4) NOT NULL DEFAULT 0.05
        CHECK (cache_hit_floor BETWEEN 0 AND 1),
    ADD COLUMN cache_hit_drop_absolute          NUMERIC(5,4) NOT NULL DEFAULT 0.10
        CHECK (cache_hit_drop_absolute > 0 AND cache_hit_drop_absolute <= 1),
    ADD COLUMN cache_hit_drop_relative          NUMERIC(5,4) NOT NULL DEFAULT 0.30
        CHECK (cache_hit_drop_relative > 0 AND cache_hit_drop_relative <= 1),
    ADD COLUMN cache_hit_min_requests           INTEGER      NOT NULL DEFAULT 20
        CHECK (cache_hit_min_requests BETWEEN 1 AND 1000000),
    ADD COLUMN cache_hit_cooldown_minutes       INTEGER      NOT NULL DEFAULT 30
        CHECK (cache_hit_cooldown_minutes BETWEEN 1 AND 1440),
    ADD COLUMN cache_hit_max_rows               INTEGER      NOT NULL DEFAULT 10
        CHECK (cache_hit_max_rows BETWEEN 1 AND 50);

-- Five-minute roll-ups per provider and model: all requests, and those eligible for a cache hit (the previous
-- request of the same session came within the cache's TTL). session_requests tells whether the proxy sent
-- sessions at all; where it did not, the check falls back to all requests.
CREATE TABLE usage_cache_5m (
    bucket                   TIMESTAMPTZ NOT NULL,
    provider_id              BIGINT      NOT NULL,
    model                    TEXT        NOT NULL,
    provider_name            TEXT        NOT NULL,
    requests                 BIGINT      NOT NULL,
    input_tokens             NUMERIC     NOT NULL,
    cache_creation_tokens    NUMERIC     NOT NULL,
    cache_read_tokens        NUMERIC     NOT NULL,
    session_requests         BIGINT      NOT NULL,
    eligible_requests        BIGINT      NOT NULL,
    eligible_input           NUMERIC     NOT NULL,
    eligible_cache_creation  NUMERIC     NOT NULL,
    eligible_cache_read      NUMERIC     NOT NULL,
    PRIMARY KEY (bucket, provider_id, model)
);

-- The latest request seen of each session, to judge whether the next one came within the cache's TTL.
CREATE TABLE usage_sessions (
    session_id TEXT        PRIMARY KEY,
    last_seq   INTEGER,
    last_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX usage_sessions_age ON usage_sessions (last_at);

-- When each provider and model was last alerted: the cool-down, claimed by one instance at a time.
CREATE TABLE cache_hit_alerts (
    provider_id BIGINT      NOT NULL,
    model       TEXT        NOT NULL,
    alerted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider_id, model)
);
