-- Indexes the read paths were missing, found by the benchmark (make bench).
-- A plan page lists every small win of its plan; only the open one had an index, so each plan
-- page scanned the whole table.
CREATE INDEX small_wins_by_plan ON small_wins(plan_id);
-- Task counts on /team and /my-plan read the status too: with it in the index they never touch
-- the table.
DROP INDEX plan_tasks_by_plan;
CREATE INDEX plan_tasks_by_plan ON plan_tasks(plan_id, status);
