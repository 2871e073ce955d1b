-- Deliveries held back by a target's rate limit, kept here (not in memory) so that the Kafka record can be
-- acknowledged without losing them: the partition moves on and other targets are not delayed. They are sent
-- later, merged into digests, and removed once delivered or dead-lettered.
CREATE TABLE held_deliveries (
    notification_id TEXT        NOT NULL,
    target_id       BIGINT      NOT NULL,
    task            TEXT        NOT NULL, -- the task as JSON; TEXT, since JSONB refuses \u0000 an error text may carry
    held_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    not_before      TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until     TIMESTAMPTZ,
    PRIMARY KEY (notification_id, target_id)
);
CREATE INDEX held_deliveries_by_target ON held_deliveries (target_id, held_at);

ALTER TABLE delivery_log DROP CONSTRAINT delivery_log_status_check;
ALTER TABLE delivery_log ADD CONSTRAINT delivery_log_status_check
    CHECK (status IN ('delivered', 'failed', 'skipped', 'held'));
