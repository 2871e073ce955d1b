-- Who changed which target, and when. Field names only: a changed URL or secret is recorded as changed, never as its value.
CREATE TABLE admin_audit (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target_id   BIGINT,
    target_name TEXT,
    changed     JSONB       NOT NULL DEFAULT '[]'::jsonb,
    outcome     TEXT
);
CREATE INDEX admin_audit_target ON admin_audit (target_id, at);
