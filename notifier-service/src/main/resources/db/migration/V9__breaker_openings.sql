-- Breakers whose opened alert went out and that have not been reported recovered: a recovery notice follows only
-- an alert that was sent, and says how long the provider was down from here when the event does not.
CREATE TABLE breaker_openings (
    breaker_key    TEXT        PRIMARY KEY,
    opened_at      TIMESTAMPTZ NOT NULL,
    event_id       TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
