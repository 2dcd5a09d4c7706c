-- A person's own time zone (an IANA name such as Europe/Berlin); NULL follows the organisation's.
-- Reminders go out at 09:00 in it.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- Which emails a person switched off. No row: everything on.
CREATE TABLE email_preferences (
    user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    reminders BOOLEAN NOT NULL,
    shared    BOOLEAN NOT NULL,
    digest    BOOLEAN NOT NULL
);

-- Every email Rebound sends, written before it is sent. The idempotency key names the reminder
-- ("check_in_tomorrow:5:17:2026-12-03"), so working out the same reminder twice, on one instance or
-- two, or after a restart, queues it once. The instance holding the "email" job lease sends; a row
-- is claimed while it is being sent, retried with backoff when the SMTP server is away, and marked
-- sent (its body, which holds the one-click unsubscribe link, then dropped). Bodies carry no plan
-- content: a neutral sentence and a link.
CREATE TABLE email_outbox (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    unsubscribe_hash TEXT NOT NULL UNIQUE,
    -- The link's token itself, for the List-Unsubscribe header; dropped with the body once sent.
    unsubscribe_token TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    claimed_until    TEXT,
    finished_at      TEXT,
    outcome          TEXT CHECK (outcome IN ('sent', 'skipped')),
    last_error       TEXT
);
CREATE INDEX email_outbox_waiting ON email_outbox(next_attempt_at) WHERE finished_at IS NULL;
