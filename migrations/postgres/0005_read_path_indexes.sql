-- Indexes the read paths lacked, found by the benchmark (make bench).
-- A plan page lists every small win of its plan; only the open one was indexed.
CREATE INDEX small_wins_by_plan ON small_wins(plan_id);
-- Task counts on /team and /my-plan also read the status, so it joins the index.
DROP INDEX plan_tasks_by_plan;
CREATE INDEX plan_tasks_by_plan ON plan_tasks(plan_id, status);
