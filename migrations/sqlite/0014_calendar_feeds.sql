-- Each person's calendar feed: a secret address (/calendar/{token}.ics) whose token is kept only
-- as a hash, one per person; resetting it replaces the row, so the old address stops working.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- What each person's feed last published for each event, so a calendar that subscribed sees a
-- moved date as the same event with a higher SEQUENCE, and an event that no longer needs anyone
-- as cancelled. Summaries are the neutral words the feed shows ("1:1 with Sam Rivera"), never plan
-- text. Cancelled entries are dropped after a few weeks.
CREATE TABLE calendar_entries (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    uid          TEXT NOT NULL,
    summary      TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    cancelled_at TEXT,
    PRIMARY KEY (user_id, uid)
);
