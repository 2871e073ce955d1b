-- Cost alert levels beyond the threshold (fractions of the quota; the threshold itself is the first level).
ALTER TABLE notification_settings
    ADD COLUMN cost_alert_levels NUMERIC(6, 4)[] NOT NULL DEFAULT '{0.9, 1.0}';

-- The quota a level was alerted against: a changed quota starts the levels afresh.
ALTER TABLE cost_alert_state ADD COLUMN quota_limit NUMERIC;

-- The latest snapshot of each target, window and period, whatever the switches said when it came: the periodic
-- check reads these, so a level crossed while notifications were off or every instance was down is still told.
CREATE TABLE cost_snapshots (
    target_type  TEXT        NOT NULL,
    target_id    BIGINT      NOT NULL,
    time_window  TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    period_end   TIMESTAMPTZ,
    snapshot     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_time   TIMESTAMPTZ NOT NULL,
    -- the level the periodic check has seen told for this snapshot, so it does not ask again
    checked_level SMALLINT    NOT NULL DEFAULT 0,
    PRIMARY KEY (target_type, target_id, time_window, period_start)
);
CREATE INDEX cost_snapshots_open ON cost_snapshots (period_end);
