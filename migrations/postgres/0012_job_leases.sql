-- Background jobs (retention) run on one instance at a time: the instance holding a job's lease
-- runs it and renews the lease; another takes it over only once it has expired.
CREATE TABLE job_leases (
    job        TEXT PRIMARY KEY,   -- "retention"
    holder     TEXT NOT NULL,      -- the instance's random id, chosen at start
    expires_at TIMESTAMPTZ NOT NULL
);
