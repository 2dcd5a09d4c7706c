-- HR statistics are published as monthly editions: computed from the data once a month is over,
-- stored, and served unchanged until the next month is over. Two reads of an edition can then
-- never differ by one person's plan, and every instance on the database serves the same figures.
CREATE TABLE insights_editions (
    last_month  TEXT NOT NULL,     -- the last month covered, "2026-11"
    privacy_k   INTEGER NOT NULL,  -- the minimum group size it was published with
    computed_at TEXT NOT NULL,
    body        TEXT NOT NULL,     -- the published tables as JSON: counts only, never a name
    PRIMARY KEY (last_month, privacy_k)
);
