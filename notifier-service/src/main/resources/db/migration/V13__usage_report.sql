-- The usage report: how many API keys it lists and how many days its trend covers (seed defaults: 10 and 7).
ALTER TABLE notification_settings
    ADD COLUMN usage_report_top_keys  INTEGER NOT NULL DEFAULT 10 CHECK (usage_report_top_keys BETWEEN 1 AND 50),
    ADD COLUMN usage_report_trend_days INTEGER NOT NULL DEFAULT 7 CHECK (usage_report_trend_days BETWEEN 1 AND 90);

-- A key's name as its latest event gave it, for the report's top keys.
ALTER TABLE usage_hourly ADD COLUMN key_name TEXT;
