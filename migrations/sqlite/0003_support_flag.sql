-- The manager can flag that a plan needs more than a quick fix (professional support).
ALTER TABLE plans ADD COLUMN support_flagged BOOLEAN NOT NULL DEFAULT FALSE;
