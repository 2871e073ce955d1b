-- The single settings row. The switches, thresholds and defaults mirror what operators configure in the proxy.
CREATE TABLE notification_settings (
    id                          SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    enabled                     BOOLEAN      NOT NULL DEFAULT FALSE,
    use_legacy_mode             BOOLEAN      NOT NULL DEFAULT FALSE,
    circuit_breaker_enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    cost_alert_enabled          BOOLEAN      NOT NULL DEFAULT FALSE,
    daily_leaderboard_enabled   BOOLEAN      NOT NULL DEFAULT FALSE,
    usage_report_enabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    cost_alert_threshold        NUMERIC(5,4) NOT NULL DEFAULT 0.80 CHECK (cost_alert_threshold BETWEEN 0.5 AND 1.0),
    cost_check_interval_minutes INTEGER      NOT NULL DEFAULT 60 CHECK (cost_check_interval_minutes BETWEEN 10 AND 1440),
    leaderboard_time            TEXT         NOT NULL DEFAULT '09:00' CHECK (leaderboard_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    leaderboard_top_n           INTEGER      NOT NULL DEFAULT 5 CHECK (leaderboard_top_n BETWEEN 1 AND 20),
    time_zone                   TEXT         NOT NULL DEFAULT 'Asia/Shanghai',
    locale                      TEXT         NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
    updated_at                  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO notification_settings (id) VALUES (1);

CREATE TABLE webhook_targets (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    channel        TEXT        NOT NULL,
    url            TEXT,
    secret         TEXT,
    config         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    enabled        BOOLEAN     NOT NULL DEFAULT TRUE,
    last_test_at   TIMESTAMPTZ,
    last_test_ok   BOOLEAN,
    last_test_ms   INTEGER,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE notification_bindings (
    id                BIGSERIAL PRIMARY KEY,
    notification_type TEXT        NOT NULL,
    target_id         BIGINT      NOT NULL REFERENCES webhook_targets (id) ON DELETE CASCADE,
    enabled           BOOLEAN     NOT NULL DEFAULT TRUE,
    schedule_cron     TEXT,
    schedule_timezone TEXT,
    template_override JSONB,
    filters           JSONB,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (notification_type, target_id)
);
