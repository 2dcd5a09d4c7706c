-- Lists read newest first and break ties by id ("ORDER BY occurred_at DESC, id DESC LIMIT n"):
-- PostgreSQL needs its indexes to end in the id for that (migrations/postgres/0013). SQLite's
-- indexes end in the rowid, which is the id, already; only the private notes had no date in theirs.
DROP INDEX private_notes_by_plan;
CREATE INDEX private_notes_by_plan ON private_notes(plan_id, created_at);
