-- Held deliveries go out in the order they were held. held_at cannot say it: deliveries parked together share a
-- transaction time, and ties would fall back to the notification id.
ALTER TABLE held_deliveries ADD COLUMN seq BIGSERIAL;
DROP INDEX held_deliveries_by_target;
CREATE INDEX held_deliveries_by_target ON held_deliveries (target_id, seq);

-- Every attempt to a target that has a quota, when its answer came, so that the sliding windows survive a restart
-- and a partition moving to another instance: the new owner counts what the old one sent. Only targets with a quota
-- are written (at most their quota's worth a window), and rows older than the longest window are pruned.
CREATE TABLE target_sends (
    target_id BIGINT      NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX target_sends_recent ON target_sends (target_id, sent_at);

-- How long a platform asked for silence (a 429's Retry-After, DingTalk's 130101, an empty bucket announced).
CREATE TABLE target_quiet (
    target_id   BIGINT PRIMARY KEY,
    quiet_until TIMESTAMPTZ NOT NULL
);
