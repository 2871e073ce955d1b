-- Legacy mode, as the seeds have it: one webhook URL per notification type, the platform told from the URL's host.
-- On by default for a new installation; the first target created switches to targets and bindings (the URLs are
-- kept), whether it is created through the API or with SQL.
ALTER TABLE notification_settings
    ADD COLUMN legacy_circuit_breaker_url   TEXT,
    ADD COLUMN legacy_cost_alert_url        TEXT,
    ADD COLUMN legacy_daily_leaderboard_url TEXT,
    ADD COLUMN legacy_usage_report_url      TEXT,
    ALTER COLUMN use_legacy_mode SET DEFAULT TRUE;

UPDATE notification_settings SET use_legacy_mode = NOT EXISTS (SELECT 1 FROM webhook_targets);

CREATE FUNCTION leave_legacy_mode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE notification_settings SET use_legacy_mode = FALSE WHERE use_legacy_mode;
    RETURN NULL;
END $$;

CREATE TRIGGER first_target_leaves_legacy_mode
    AFTER INSERT ON webhook_targets
    FOR EACH STATEMENT EXECUTE FUNCTION leave_legacy_mode();
