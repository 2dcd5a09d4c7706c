-- HR statistics are published as monthly editions: computed once a month is over, stored, and
-- served unchanged until the next month is over, so every read and every instance sees the same
-- figures.
CREATE TABLE insights_editions (
    last_month  TEXT NOT NULL,         -- the last month covered, "YYYY-MM" text such as "2026-11"
    privacy_k   BIGINT NOT NULL,       -- the minimum group size it was published with
    computed_at TIMESTAMPTZ NOT NULL,
    body        TEXT NOT NULL,         -- the published tables as JSON text: counts only, never a name
    PRIMARY KEY (last_month, privacy_k)
);
