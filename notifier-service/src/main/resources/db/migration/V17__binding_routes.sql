-- Routing rules a binding carries besides its filters (V1): mute windows, who its messages mention (in the
-- target's platform's own terms), and a backup target that gets what the primary's deliveries dead-letter.
ALTER TABLE notification_bindings
    ADD COLUMN mute             JSONB,
    ADD COLUMN mentions         JSONB,
    ADD COLUMN backup_target_id BIGINT REFERENCES webhook_targets (id) ON DELETE SET NULL,
    ADD CONSTRAINT binding_backup_is_another CHECK (backup_target_id <> target_id);
