-- The last test-send's failure, as the API shows it on the target: its reason and the platform's answer, redacted.
ALTER TABLE webhook_targets
    ADD COLUMN last_test_reason TEXT,
    ADD COLUMN last_test_detail TEXT;
