-- Plan summaries (/team, /my-plan) read, per plan, the latest check-in's next date and every
-- self-rating in date order, and per person, which plan to show by status and age: those columns
-- join the indexes (same index names and columns as the SQLite migration).
DROP INDEX check_ins_by_plan;
CREATE INDEX check_ins_by_plan ON check_ins(plan_id, held_on, self_confidence, next_check_in);
DROP INDEX plans_by_employee;
CREATE INDEX plans_by_employee ON plans(employee_id, status, created_at);
