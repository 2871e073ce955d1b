-- Breakers whose opened alert went out and that have not been reported recovered: a recovery notice follows only
-- an alert that was sent, and says how long the provider was down from here when the event does not.
CREATE TABLE breaker_openings (
    breaker_key    TEXT        PRIMARY KEY,
    opened_at      TIMESTAMPTZ NOT NULL,
    event_id       TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Opened alerts waiting out the flap grace (notifier.dedupe.breaker-flap-grace): a close within it cancels the
-- alert and sends no recovery either; an instance's ticker sends the ones that are due.
CREATE TABLE breaker_pending (
    breaker_key    TEXT        PRIMARY KEY,
    event_id       TEXT        NOT NULL,
    opened_at      TIMESTAMPTZ NOT NULL,
    data           TEXT        NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX breaker_pending_due ON breaker_pending (due_at);
