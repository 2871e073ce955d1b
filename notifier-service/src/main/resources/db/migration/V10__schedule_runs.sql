-- One row per scheduled fire: whichever instance inserts it first sends the notification, so a fire goes out once
-- across instances and restarts. A fire that is claimed but never finished (the instance died) is claimed again
-- after a while; its notification id is derived from the schedule and the fire time, so deliveries that did go out
-- are not repeated. The period (the day a leaderboard covers) is unique per schedule too: moving a schedule's time
-- after it fired does not send the same day's leaderboard twice.
CREATE TABLE schedule_runs (
    schedule_key TEXT        NOT NULL,
    fire_time    TIMESTAMPTZ NOT NULL,
    period       TEXT,
    status       TEXT        NOT NULL CHECK (status IN ('claimed', 'sent', 'empty', 'skipped')),
    claimed_by   TEXT        NOT NULL,
    claimed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ,
    PRIMARY KEY (schedule_key, fire_time)
);
CREATE UNIQUE INDEX schedule_runs_period ON schedule_runs (schedule_key, period) WHERE period IS NOT NULL;

-- What the daily leaderboard covers: the calendar day before the fire, in the schedule's zone, or the 24 hours
-- before it.
ALTER TABLE notification_settings
    ADD COLUMN leaderboard_window TEXT NOT NULL DEFAULT 'previous_day'
        CHECK (leaderboard_window IN ('previous_day', 'rolling_24h'));
