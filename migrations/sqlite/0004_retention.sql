-- Closed plans are erased after a retention period unless the employee chose to keep theirs.
ALTER TABLE plans ADD COLUMN keep_after_close BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX plans_by_closed_at ON plans(status, closed_at);
